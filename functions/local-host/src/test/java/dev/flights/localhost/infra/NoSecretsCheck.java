package dev.flights.localhost.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No key, connection string or secret anywhere in infra/: no Bicep function that reads one, no secure parameter,
 * no output or app setting named like one (unless it is a Key Vault reference), and key-based access off on
 * Service Bus, Cosmos DB, storage and Application Insights. The one exception is
 * APPLICATIONINSIGHTS_CONNECTION_STRING, which names the resource (with local authentication off it cannot ingest
 * by itself; the apps authenticate with their identity).
 */
final class NoSecretsCheck {

    private static final Pattern READS_A_SECRET = Pattern.compile(
            "(?i)list(Keys|ConnectionStrings|AccountSas|ServiceSas|Secrets|Credentials?)\\s*\\(|primaryKey|secondaryKey"
                    + "|primaryMasterKey|AccountKey=|SharedAccessKey|@secure\\(\\)|getSecret\\(");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)key|secret|password|connection_?string|sas");
    private static final Pattern OUTPUT = Pattern.compile("(?m)^output\\s+(\\w+)");
    private static final String KEY_VAULT_REFERENCE = "@Microsoft.KeyVault(";
    private static final String INGESTION_ONLY = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    private final InfraFiles infra;

    NoSecretsCheck(InfraFiles infra) {
        this.infra = infra;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : infra.texts().entrySet()) {
            Matcher secret = READS_A_SECRET.matcher(file.getValue());
            while (secret.find()) {
                problems.add(file.getKey() + ":" + line(file.getValue(), secret.start()) + ": " + secret.group()
                        + " reads or passes a secret");
            }
            Matcher output = OUTPUT.matcher(file.getValue());
            while (output.find()) {
                if (SECRET_NAME.matcher(output.group(1)).find()) {
                    problems.add(file.getKey() + ":" + line(file.getValue(), output.start()) + ": output "
                            + output.group(1) + " may carry a secret");
                }
            }
        }
        settingsLikeSecrets(InfraFiles.FUNCTION_APP, "appSettings", problems);
        settingsLikeSecrets(InfraFiles.MAIN, "webhookSettings", problems);
        problems.addAll(infra.missing(InfraFiles.FUNCTION_APP, "allowSharedKeyAccess: false"));
        problems.addAll(infra.missing(InfraFiles.MONITORING, "DisableLocalAuth: true"));
        return problems;
    }

    /** A setting named like a secret is one only by Key Vault reference, resolved by the app's identity. */
    private void settingsLikeSecrets(String path, String variable, List<String> problems) {
        Map<?, ?> settings = (Map<?, ?>) BicepLiterals.variable(infra.text(path), variable);
        for (Map.Entry<?, ?> setting : settings.entrySet()) {
            boolean reference = setting.getValue() instanceof String value && value.startsWith(KEY_VAULT_REFERENCE);
            if (!INGESTION_ONLY.equals(setting.getKey()) && SECRET_NAME.matcher((String) setting.getKey()).find()
                    && !reference) {
                problems.add(path + ": app setting " + setting.getKey() + " looks like a key or secret");
            }
        }
    }

    private static int line(String text, int index) {
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
