package vae.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven over the DevTools protocol (a WebSocket, with the JDK's client): opens
 * a page, records every console message, uncaught exception, log entry and network request, evaluates
 * expressions and takes screenshots. No browser download and no npm: what CI installs is the browser.
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private String session;

    private Chromium(Process process, Path profile, URI endpoint) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(endpoint, new Listener()).get(30, TimeUnit.SECONDS);
    }

    /** Starts a headless browser with the flags this machine needs and a fresh profile. */
    static Chromium start() throws Exception {
        Path profile = Files.createTempDirectory("vae-chromium-");
        Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--disable-quic", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep draining its output
                return new Chromium(p, profile, URI.create(m.group(1)));
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("chromium did not start:\n" + seen);
    }

    /** Opens {@code url} in a new page of 1200 × 900 pixels and waits for its load event. */
    void open(String url) throws Exception {
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        for (String domain : List.of("Runtime", "Log", "Page", "Network")) {
            call(session, domain + ".enable", Map.of());
        }
        call(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1200, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        call(session, "Page.navigate", Map.of("url", url));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (events.stream().noneMatch(e -> e.path("method").asText().equals("Page.loadEventFired"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the page did not load in 60 s");
            }
            Thread.sleep(50);
        }
    }

    /** The value of a JavaScript expression in the page. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        return r.path("result").path("value");
    }

    /** A PNG of the whole page. */
    byte[] screenshot() throws Exception {
        JsonNode r = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        return java.util.Base64.getDecoder().decode(r.get("data").asText());
    }

    /** The events received so far whose method is one of {@code methods}. */
    List<JsonNode> events(String... methods) {
        List<String> wanted = List.of(methods);
        return events.stream().filter(e -> wanted.contains(e.path("method").asText())).toList();
    }

    private JsonNode call(String sessionId, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        JsonNode r = reply.get(60, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + " failed: " + r.get("error"));
        }
        return r.path("result");
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(message.get("id").asInt());
                        if (f != null) {
                            f.complete(message);
                        }
                    } else {
                        events.add(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable DevTools message", e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
