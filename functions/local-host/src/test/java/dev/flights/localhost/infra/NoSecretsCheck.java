package dev.flights.localhost.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No key, connection string or secret anywhere in infra/: no Bicep function that reads one, no secure parameter,
 * no output or app setting named like one, and key-based access off on Service Bus, Cosmos DB, storage and
 * Application Insights. The one exception is APPLICATIONINSIGHTS_CONNECTION_STRING, which names the resource
 * (with local authentication off it cannot ingest by itself; the apps authenticate with their identity).
 */
final class NoSecretsCheck {

    private static final Pattern READS_A_SECRET = Pattern.compile(
            "(?i)list(Keys|ConnectionStrings|AccountSas|ServiceSas|Secrets|Credentials?)\\s*\\(|primaryKey|secondaryKey"
                    + "|primaryMasterKey|AccountKey=|SharedAccessKey|@secure\\(\\)|getSecret\\(");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)key|secret|password|connection_?string|sas");
    private static final Pattern OUTPUT = Pattern.compile("(?m)^output\\s+(\\w+)\\s+\\w+\\s*=(.*)$");
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
                if (SECRET_NAME.matcher(output.group(1) + output.group(2)).find()) {
                    problems.add(file.getKey() + ":" + line(file.getValue(), output.start()) + ": output "
                            + output.group(1) + " may carry a secret");
                }
            }
        }
        Map<?, ?> settings = (Map<?, ?>) BicepLiterals.variable(infra.text(InfraFiles.FUNCTION_APP), "appSettings");
        for (Object name : settings.keySet()) {
            if (!INGESTION_ONLY.equals(name) && SECRET_NAME.matcher((String) name).find()) {
                problems.add(InfraFiles.FUNCTION_APP + ": app setting " + name + " looks like a key or secret");
            }
        }
        problems.addAll(infra.missing(InfraFiles.FUNCTION_APP, "allowSharedKeyAccess: false"));
        problems.addAll(infra.missing(InfraFiles.MONITORING, "DisableLocalAuth: true"));
        return problems;
    }

    private static int line(String text, int index) {
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
