package cn.gansu.lianhu.launcher;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Debian's Chromium, headless, for the dashboard check (issue 5 point 5): loads a page, lets its scripts run (virtual
 * time budget 15 s; the clock stops while requests are in flight, so every fetch completes) and dumps the DOM or
 * takes a screenshot. Each run gets a fresh profile under a temp folder, at most 90 s, and no name resolution but
 * this machine's ({@code --host-resolver-rules}): a page that needed anything from the internet would show it.
 *
 * <p>The binary is {@code LIANHU_CHROMIUM} or {@code /usr/bin/chromium}; if it is missing the check fails (it does
 * not skip) naming the install step, {@value #INSTALL}; {@code .ci/run} installs it.
 */
final class HeadlessChromium {

    /** How to get the browser on Debian. */
    static final String INSTALL = "sudo apt-get install -y chromium";
    /** Longest a single Chromium run may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path binary;
    private final Path workDir;
    private final AtomicInteger runs = new AtomicInteger();

    private HeadlessChromium(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    /**
     * The browser at {@code LIANHU_CHROMIUM} or {@code /usr/bin/chromium}, with profiles and outputs under
     * {@code workDir}; fails the test with the install step if there is none.
     */
    static HeadlessChromium find(Path workDir) {
        String configured = System.getenv("LIANHU_CHROMIUM");
        Path binary = Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured.trim());
        if (!Files.isExecutable(binary)) {
            fail("the dashboard check needs Debian's Chromium at " + binary + " (none there): install it with `"
                    + INSTALL + "` (.ci/run does), or set LIANHU_CHROMIUM to a chromium binary");
        }
        return new HeadlessChromium(binary, workDir);
    }

    /** A page as the browser left it, and how long Chromium took. */
    record Page(String url, Document dom, Duration took) {
    }

    /** Loads {@code url}, runs its scripts and returns the DOM as serialised by Chromium ({@code --dump-dom}). */
    Page dumpDom(String url) {
        int n = runs.incrementAndGet();
        Path out = workDir.resolve("dom-" + n + ".html");
        long t0 = System.nanoTime();
        run(n, url, out, "--dump-dom", url);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        try {
            return new Page(url, Jsoup.parse(Files.readString(out, StandardCharsets.UTF_8), url), took);
        } catch (IOException e) {
            throw new AssertionError("cannot read the DOM Chromium dumped for " + url, e);
        }
    }

    /** Loads {@code url}, runs its scripts and writes a PNG of the window (1400×2400) to {@code png}. */
    Duration screenshot(String url, Path png) {
        int n = runs.incrementAndGet();
        long t0 = System.nanoTime();
        run(n, url, workDir.resolve("screenshot-" + n + ".log"), "--screenshot=" + png.toAbsolutePath(), url);
        if (!Files.isRegularFile(png)) {
            fail("Chromium wrote no screenshot " + png + " of " + url);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private void run(int n, String url, Path stdout, String... action) {
        Path profile = workDir.resolve("profile-" + n);
        Path stderr = workDir.resolve("chromium-" + n + ".err");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1400,2400",
                "--user-data-dir=" + profile, "--virtual-time-budget=15000",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"));
        cmd.addAll(List.of(action));
        try {
            Files.createDirectories(profile);
            Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("Chromium did not finish within " + TIMEOUT.toSeconds() + " s on " + url + "\n" + tail(stderr));
            }
            if (p.exitValue() != 0) {
                fail("Chromium exited with " + p.exitValue() + " on " + url + "\n" + tail(stderr));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + binary + " (" + INSTALL + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while Chromium loaded " + url, e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }
}
