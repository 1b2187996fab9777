package cn.gansu.lianhu.bench;

/** Chinese personal names: common surnames (those frequent in Gansu first) and given-name characters. */
final class Names {
    private static final String[] SURNAMES = ("王 李 张 刘 陈 杨 赵 马 何 魏 周 吴 徐 孙 胡 朱 高 林 郭 罗 梁 宋 郑 谢 韩 唐 冯 董 "
            + "萧 程 曹 袁 邓 许 傅 沈 曾 彭 吕 苏 卢 蒋 蔡 贾 丁 田 余 杜 叶 范 汪 姚 任 姜 谭 廖 邹 石 金 薛 闫 雷 侯 龙 段 郝 孔 邵 史 毛 "
            + "常 万 顾 赖 武 康 贺 严 尹 钱 施 牛 洪 白 包 安 祁 鲁 景 焦 岳 达 拓 乔 妥 铁").split(" ");
    /** Surname weights: 王 李 张 刘 陈 杨 赵 马 weigh most. */
    private static final int[] WEIGHTS = weights();
    private static final String MALE = "明建国华军平伟强军勇志海林斌刚东文忠福贵生荣德宝成祥瑞山虎龙发财旺兴涛鹏飞辉俊杰磊浩宇博";
    private static final String FEMALE = "秀英兰芳霞梅花琴玉珍红燕丽娟萍慧敏静婷雪莲凤菊香娥彩云霞桂芬琳倩瑶璐欣悦";

    private Names() {
    }

    private static int[] weights() {
        int[] w = new int[SURNAMES.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = i < 8 ? 30 : i < 30 ? 8 : 3;
        }
        return w;
    }

    static String surname(Rng rng) {
        return SURNAMES[rng.weighted(WEIGHTS)];
    }

    /** A given name of one or (mostly) two characters. */
    static String given(Rng rng, boolean male) {
        String pool = male ? MALE : FEMALE;
        char a = pool.charAt(rng.nextInt(pool.length()));
        if (rng.chance(0.25)) {
            return String.valueOf(a);
        }
        return new String(new char[] {a, pool.charAt(rng.nextInt(pool.length()))});
    }

    /** A mobile number: 1, a second digit 3–9, 9 more digits. */
    static String mobile(Rng rng) {
        StringBuilder sb = new StringBuilder(11).append('1').append((char) ('3' + rng.nextInt(7)));
        for (int i = 0; i < 9; i++) {
            sb.append((char) ('0' + rng.nextInt(10)));
        }
        return sb.toString();
    }
}
