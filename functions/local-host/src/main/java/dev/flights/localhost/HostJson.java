package dev.flights.localhost;

import dev.flights.platform.inprocess.TopicSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The repository's host.json, which the build copies onto the local host's classpath: the same file every app
 * packages for Azure, so the local topic runs with the session settings Azure's Service Bus extension will use.
 */
public final class HostJson {

    static final String RESOURCE = "/host.json";

    private HostJson() {
    }

    public static TopicSettings topicSettings() {
        return TopicSettings.fromHostJson(text());
    }

    static String text() {
        try (InputStream in = HostJson.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("host.json is not on the local host's classpath; the build copies it "
                        + "there from the repository root");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read host.json", e);
        }
    }
}
