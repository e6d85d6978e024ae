package dev.flights.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM options the cold-start bench measures as "shipped" are the ones infra/ gives the Java worker and the ones
 * local.settings.json.example shows, the archive being the package's own (beside the app jar, where the package is
 * deployed to on Azure).
 */
class ShippedJvmOptionsTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void infraGivesTheWorkerTheOptionsTheBenchMeasures() throws Exception {
        String bicep = Files.readString(REPOSITORY.resolve("infra/modules/functionapp.bicep"));
        Matcher setting = Pattern.compile("\\n  languageWorkers__java__arguments: '([^']*)'\\n").matcher(bicep);

        assertThat(setting.find()).as("languageWorkers__java__arguments in the appSettings of functionapp.bicep")
                .isTrue();
        assertThat(setting.group(1)).isEqualTo(shipped("/home/site/wwwroot/app-cds.jsa"));
    }

    @Test
    void theLocalSettingsExampleShowsTheSameOptions() throws Exception {
        JsonNode values = new ObjectMapper().readTree(REPOSITORY.resolve("local.settings.json.example").toFile())
                .path("Values");

        assertThat(values.path("languageWorkers__java__arguments").asText()).isEqualTo(shipped("app-cds.jsa"));
    }

    @Test
    void theArchiveIsTheOneThePackageCarries() {
        assertThat(ColdStartBench.ARCHIVE).isEqualTo("app-cds.jsa");
        assertThat(ColdStartBench.SHIPPED).contains("-XX:SharedArchiveFile=%ARCHIVE%", "-Xshare:auto");
    }

    private static String shipped(String archive) {
        return String.join(" ", ColdStartBench.SHIPPED).replace("%ARCHIVE%", archive);
    }
}
