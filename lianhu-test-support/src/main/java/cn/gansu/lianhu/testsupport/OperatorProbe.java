package cn.gansu.lianhu.testsupport;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.path.json.JsonPath;

/**
 * Checks of issue 9 point 5 every service shares: business metrics read from {@code /q/metrics} (before and after an
 * action, for exact increments), log lines captured with their MDC correlation id, and {@code /q/info}.
 */
public final class OperatorProbe {
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");

    private OperatorProbe() {
    }

    /**
     * The sum of the samples of {@code name} on {@code /q/metrics} whose labels include every {@code label="value"}
     * pair given ({@code labels} = name, value, …); 0 when there is none yet.
     */
    public static double metric(String name, String... labels) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : body.split("\n")) {
            Matcher m = SERIES.matcher(line);
            if (!m.find() || !m.group(1).equals(name)) {
                continue;
            }
            String have = m.group(3) == null ? "" : m.group(3);
            boolean all = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (!have.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                    all = false;
                }
            }
            if (all) {
                sum += Double.parseDouble(m.group(4));
            }
        }
        return sum;
    }

    /** A log line as captured: logger, level, formatted message and the MDC's correlationId when it was written. */
    public record Line(String logger, Level level, String message, String correlationId) {
    }

    /** Captures the log lines of a logger category (and below) at {@code level} and above, until closed. */
    public static final class LogCapture implements AutoCloseable {
        private final Logger logger;
        private final Level before;
        private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String message = r.getMessage();
                try {
                    message = new java.util.logging.SimpleFormatter().formatMessage(r);
                } catch (RuntimeException e) {
                    // keep the raw message
                }
                Object id = org.jboss.logging.MDC.get("correlationId");
                lines.add(new Line(r.getLoggerName(), r.getLevel(), message, id == null ? null : id.toString()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        public LogCapture(String category, Level level) {
            logger = Logger.getLogger(category);
            before = logger.getLevel();
            logger.setLevel(level);
            handler.setLevel(level);
            logger.addHandler(handler);
        }

        /** The lines captured so far. */
        public List<Line> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        @Override
        public void close() {
            logger.removeHandler(handler);
            logger.setLevel(before);
        }
    }

    /**
     * {@code /q/info} answers 200 without a token with the build's artifact and version, Java's version and, when
     * the build could read git ({@code git.commit.id} present), a 40-hex commit id.
     *
     * @return the document
     */
    public static JsonPath assertInfo(String artifact) {
        String body = given().when().get("/q/info").then().statusCode(200).extract().asString();
        JsonPath info = new JsonPath(body);
        require(artifact.equals(info.getString("build.artifact")), body);
        require(info.getString("build.version") != null && !info.getString("build.version").isBlank(), body);
        require(info.getString("build.time") != null, body);
        require(info.getString("java.version") != null, body);
        Map<String, Object> git = info.getMap("git");
        String head = gitHead();
        if (head != null) {
            // built from a git checkout: the commit must be there, and be the checkout's HEAD
            require(git != null, "no git section although the build ran in a git checkout: " + body);
        }
        if (git != null) {
            String id = info.getString("git.commit.id");
            require(id != null && HEX40.matcher(id).matches(), "git.commit.id is not 40 hex digits: " + body);
            // HEAD, or an ancestor of it when a commit was made while the build ran
            require(head == null || head.equals(id) || git("merge-base", "--is-ancestor", id, "HEAD") != null,
                    "git.commit.id " + id + " is neither HEAD " + head + " nor one of its ancestors");
        }
        return info;
    }

    /** {@code git rev-parse HEAD} in the module folder; null when git or a checkout is missing. */
    static String gitHead() {
        String out = git("rev-parse", "HEAD");
        return out != null && HEX40.matcher(out).matches() ? out : null;
    }

    /** The output of a git command in the module folder, or null when it fails (or git is missing). */
    static String git(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
