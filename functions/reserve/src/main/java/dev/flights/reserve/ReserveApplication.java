package dev.flights.reserve;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.function.context.FunctionalSpringApplication;

/** The start class the Azure adapter finds through MAIN_CLASS or the manifest's Start-Class. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReserveApplication {

    /** Starts the app as the Spring adapter does; the build's ahead-of-time processing (process-aot) runs it. */
    public static void main(String[] args) {
        FunctionalSpringApplication application = new FunctionalSpringApplication(ReserveApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args);
    }
}
