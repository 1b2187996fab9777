package cn.gansu.lianhu.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Command line of the generator (issue 7 point 1):
 *
 * <pre>
 * mvn -B -o -pl lianhu-bench -am package -DskipTests
 * java -jar lianhu-bench/target/lianhu-bench.jar --seed 42 --scale 100 --out target/province [--visits] [--as-of 2026-11-01]
 * </pre>
 *
 * {@code --scale} is a percentage (1, 10, 100 or any other in (0, 1000]); the same seed, scale and as-of date
 * give byte-identical files. Prints the counts and the time taken. Exit status 2 on a bad argument.
 */
public final class Generate {
    private Generate() {
    }

    public static void main(String[] args) throws Exception {
        long seed = 42;
        double scale = 100;
        Path out = Path.of("target/province");
        boolean visits = false;
        LocalDate asOf = ProvinceGenerator.DEFAULT_AS_OF;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--scale" -> scale = Double.parseDouble(args[++i].replace("%", ""));
                    case "--out" -> out = Path.of(args[++i]);
                    case "--visits" -> visits = true;
                    case "--as-of" -> asOf = LocalDate.parse(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (!(scale > 0 && scale <= 1000)) {
                throw new IllegalArgumentException("--scale must be a percentage in (0, 1000], was " + scale);
            }
            if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
            }
        } catch (RuntimeException e) {
            Usage.exit(e, args, "usage: Generate --seed 42 --scale 100 --out target/province [--visits] "
                    + "[--as-of yyyy-MM-dd]");
            return;
        }
        long t0 = System.nanoTime();
        Province province = Province.load();
        ProvinceGenerator.Counts c = new ProvinceGenerator(province,
                new ProvinceGenerator.Options(seed, scale, out, visits, asOf)).generate();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "synthetic province: seed %d, scale %s %%, as of %s -> %s%n", seed,
                scale == Math.rint(scale) ? String.valueOf((long) scale) : String.valueOf(scale), asOf,
                out.toAbsolutePath());
        System.out.printf(Locale.ROOT, "  poor villages   %,d (counties %d, townships %,d)%n",
                province.poorVillages().size(), province.counties().size(), province.townships().size());
        System.out.printf(Locale.ROOT, "  households.csv  %,d households, %,d members%n", c.households(), c.members());
        System.out.printf(Locale.ROOT, "  units.csv       %,d units, by level %s, by kind %s%n", c.units(),
                c.unitsByLevel(), c.unitsByKind());
        System.out.printf(Locale.ROOT, "  cadres.csv      %,d cadres, by rank %s%n", c.cadres(), c.cadresByRank());
        System.out.printf(Locale.ROOT, "  village_links   %,d unit → village links; leader_links %,d%n",
                c.villageLinks(), c.leaderLinks());
        if (visits) {
            System.out.printf(Locale.ROOT, "  visits.csv      %,d visits%n", c.visits());
        }
        System.out.printf(Locale.ROOT, "  time            %.1f s%n", s);
    }
}
