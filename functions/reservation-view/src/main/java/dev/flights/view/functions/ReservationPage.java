package dev.flights.view.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** The reservation list page: one self-contained HTML file (inline CSS and JS), read once from the classpath. */
@Component
public class ReservationPage {

    static final String RESOURCE = "/page/index.html";

    private final String html;

    public ReservationPage() {
        try (InputStream in = ReservationPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            this.html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public String html() {
        return html;
    }
}
