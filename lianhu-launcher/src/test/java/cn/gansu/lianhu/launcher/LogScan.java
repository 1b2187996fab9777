package cn.gansu.lianhu.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.gansu.lianhu.api.IdNumbers;

/**
 * Looks for full resident ID numbers (GB 11643) in log files (issue 6 point 3: never in logs). A hit is
 * 18 characters (17 digits and a digit or X) standing alone (no letter or digit either side), whose first six
 * digits are a plausible GB/T 2260 region (a province code such as 62, and not {@code xx0000}), digits 7–14
 * a real birth date from 1900 to today and the last one the right MOD 11-2 check character — exactly what
 * {@link IdNumbers#validate} accepts. Masked numbers ({@code 620102********1234}) and other long numbers
 * (offsets, timestamps) are not hits. JSON log lines (the services log JSON in prod) are scanned with their escapes
 * ({@code \n}, {@code \t}, {@code \u0041}…) read as separators.
 */
final class LogScan {
    private static final Pattern JSON_ESCAPE = Pattern.compile("\\\\(?:u[0-9A-Fa-f]{4}|[nrtbf\"/\\\\])");
    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");

    /** A full ID number found: file, line number, and the number masked (the report must not leak it either). */
    record Hit(Path file, long line, String masked) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + masked;
        }
    }

    /** What a scan read and found. */
    record Result(int files, long lines, List<Hit> hits) {
    }

    private LogScan() {
    }

    /** The full ID numbers of one line. */
    static List<String> idNumbers(String line, LocalDate today) {
        List<String> found = new ArrayList<>();
        // JSON log lines (prod, issue 9 point 5) escape line breaks and tabs in a message or stack trace: "\n" + a
        // number would stand after a letter and be missed; an escape stands for a separator here
        Matcher m = CANDIDATE.matcher(JSON_ESCAPE.matcher(line).replaceAll(" "));
        while (m.find()) {
            if (IdNumbers.validate(m.group(), today).isEmpty()) {
                found.add(IdNumbers.normalise(m.group()));
            }
        }
        return found;
    }

    /** Scans every file (any charset errors replaced, so a binary line cannot stop the scan). */
    static Result scan(Collection<Path> files) {
        // tests pin "today" (e.g. 2026-11-29) and may register newborns: a year of slack past the real date
        LocalDate today = LocalDate.now().plusYears(1);
        List<Hit> hits = new ArrayList<>();
        long lines = 0;
        for (Path file : files) {
            try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
                String line;
                long n = 0;
                while ((line = in.readLine()) != null) {
                    n++;
                    for (String id : idNumbers(line, today)) {
                        hits.add(new Hit(file, n, IdNumbers.mask(id)));
                    }
                }
                lines += n;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new Result(files.size(), lines, hits);
    }
}
