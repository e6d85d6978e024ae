package dev.flights.platform.inprocess;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP trigger's request as the Functions host hands it over: header names in lower case, query parameters
 * decoded, the body as an optional string. Used by the local host and by tests of function classes.
 */
public final class InProcessHttpRequest implements HttpRequestMessage<Optional<String>> {

    private final HttpMethod method;
    private final URI uri;
    private final Map<String, String> headers;
    private final Map<String, String> query;
    private final String body;

    public InProcessHttpRequest(HttpMethod method, URI uri, Map<String, String> headers, Map<String, String> query,
            String body) {
        this.method = method;
        this.uri = uri;
        this.headers = new LinkedHashMap<>();
        headers.forEach((k, v) -> this.headers.put(k.toLowerCase(Locale.ROOT), v));
        this.query = Map.copyOf(query);
        this.body = body;
    }

    public static InProcessHttpRequest get(String path, Map<String, String> query) {
        return new InProcessHttpRequest(HttpMethod.GET, URI.create("http://localhost" + path), Map.of(), query, null);
    }

    public static InProcessHttpRequest post(String path, String body, Map<String, String> headers) {
        return new InProcessHttpRequest(HttpMethod.POST, URI.create("http://localhost" + path),
                headers, Map.of(), body);
    }

    /** The same request with these headers added (or replaced). */
    public InProcessHttpRequest withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        more.forEach((k, v) -> all.put(k.toLowerCase(Locale.ROOT), v));
        return new InProcessHttpRequest(method, uri, all, query, body);
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return query;
    }

    @Override
    public Optional<String> getBody() {
        return Optional.ofNullable(body);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new InProcessHttpResponse.Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new InProcessHttpResponse.Builder(status);
    }
}
