package dev.flights.localhost.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every .bicep file of infra/ parses: no Bicep compiler runs here, so the tree-sitter grammar is the syntax check,
 * failing on any ERROR or MISSING node with the file and line.
 */
class BicepSyntaxIT {

    @Test
    void everyBicepFileOfInfraParsesWithoutAnErrorOrMissingNode() throws Exception {
        BicepSyntaxCheck.Result result = BicepSyntaxCheck.of(InfraFiles.DIRECTORY);

        assertThat(result.output()).contains("checked 9 .bicep file(s): no syntax errors");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aBrokenFileFailsTheCheckNamingTheFileAndTheLine(@TempDir Path copy) throws Exception {
        String main = Files.readString(InfraFiles.DIRECTORY.resolve("main.bicep"));
        String broken = main.replaceFirst("location: location\n", "location: \n");
        assertThat(broken).isNotEqualTo(main);
        Files.writeString(copy.resolve("main.bicep"), broken);
        int line = broken.substring(0, broken.indexOf("location: \n")).split("\n", -1).length;

        BicepSyntaxCheck.Result result = BicepSyntaxCheck.of(copy);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).containsPattern("main\\.bicep:" + line + ":\\d+: (MISSING|ERROR)")
                .contains("checked 1 .bicep file(s): 1 problem(s)");
    }

    @Test
    void anUnclosedObjectFailsTheCheck(@TempDir Path copy) throws Exception {
        Files.writeString(copy.resolve("unclosed.bicep"),
                "param name string\nresource r 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: name\n");

        BicepSyntaxCheck.Result result = BicepSyntaxCheck.of(copy);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).containsPattern("unclosed\\.bicep:\\d+:\\d+: (MISSING|ERROR)");
    }
}
