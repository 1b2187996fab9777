package cn.gansu.lianhu.bench;

/** How the command-line tools of this module answer bad arguments: one line saying why, the usage, exit 2. */
final class Usage {
    private Usage() {
    }

    /**
     * Prints why the arguments were refused and the usage to standard error, then exits with 2.
     *
     * @param e     what parsing threw: an index past the end means the last option had no value
     * @param args  the arguments as given
     * @param usage the usage line
     */
    static void exit(RuntimeException e, String[] args, String usage) {
        String why = e instanceof ArrayIndexOutOfBoundsException ? args[args.length - 1] + " needs a value"
                : (e instanceof NumberFormatException ? "a number is needed: " : "") + e.getMessage();
        System.err.println(why + "\n" + usage);
        System.exit(2);
    }
}
