package dev.flights.notify;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The start class the Azure adapter finds through MAIN_CLASS or the manifest's Start-Class. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotifyApplication {
}
