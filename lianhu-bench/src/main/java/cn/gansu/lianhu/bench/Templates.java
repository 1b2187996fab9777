package cn.gansu.lianhu.bench;

import java.util.EnumMap;
import java.util.Map;

import cn.gansu.lianhu.pairing.domain.UnitKind;
import cn.gansu.lianhu.pairing.domain.UnitLevel;

/**
 * Unit names ({@code {r}} = the region's name, e.g. 甘肃省, 定西市, 通渭县, 通渭县平襄镇), kind shares by level and
 * credit-code prefixes (GB 32100 registration authority + organisation kind) of the synthetic units.
 */
final class Templates {
    private Templates() {
    }

    static final Map<UnitKind, String[]> NAMES = new EnumMap<>(UnitKind.class);

    static {
        NAMES.put(UnitKind.PARTY_GOVERNMENT, split("中共{r}委员会办公室 {r}人民政府办公室 中共{r}委员会组织部 中共{r}委员会宣传部 "
                + "中共{r}委员会统战部 中共{r}委员会政法委员会 {r}纪律检查委员会 {r}发展和改革委员会 {r}教育局 {r}科学技术局 "
                + "{r}工业和信息化局 {r}民族宗教事务委员会 {r}公安局 {r}民政局 {r}司法局 {r}财政局 {r}人力资源和社会保障局 {r}自然资源局 "
                + "{r}生态环境局 {r}住房和城乡建设局 {r}交通运输局 {r}水务局 {r}农业农村局 {r}商务局 {r}文化和旅游局 {r}卫生健康委员会 "
                + "{r}退役军人事务局 {r}应急管理局 {r}审计局 {r}市场监督管理局 {r}统计局 {r}林业和草原局 {r}乡村振兴局 {r}医疗保障局 "
                + "{r}信访局 {r}人民代表大会常务委员会办公室 政协{r}委员会办公室 {r}人民法院 {r}人民检察院 {r}机关事务管理局 "
                + "{r}国有资产监督管理委员会 {r}体育局 {r}粮食和物资储备局 {r}档案局 中共{r}委员会党校 {r}地方志办公室 {r}数据局 "
                + "{r}政务服务管理办公室"));
        NAMES.put(UnitKind.PUBLIC_INSTITUTION, split("{r}人民医院 {r}中医医院 {r}妇幼保健院 {r}疾病预防控制中心 {r}第一中学 "
                + "{r}第二中学 {r}实验小学 {r}职业技术学校 {r}农业技术推广中心 {r}畜牧兽医站 {r}水利管理站 {r}林业工作站 {r}广播电视台 "
                + "{r}图书馆 {r}文化馆 {r}博物馆 {r}融媒体中心 {r}公共资源交易中心 {r}社会保险服务中心 {r}就业服务中心 {r}不动产登记中心 "
                + "{r}农村能源工作站 {r}种子管理站 {r}动物疫病预防控制中心 {r}档案馆 {r}城乡规划设计院 {r}科技服务中心 "
                + "{r}住房公积金管理中心 {r}特殊教育学校 {r}第三中学 {r}幼儿园 {r}卫生监督所 {r}经济研究中心 {r}农产品质量安全检测中心"));
        NAMES.put(UnitKind.PEOPLES_ORGANISATION, split("{r}总工会 共青团{r}委员会 {r}妇女联合会 {r}科学技术协会 "
                + "{r}文学艺术界联合会 {r}残疾人联合会 {r}工商业联合会 {r}红十字会 {r}归国华侨联合会 {r}社会科学界联合会"));
        NAMES.put(UnitKind.MILITARY_DISTRICT, split("{r}人民武装部 {r}军分区 {r}国防动员办公室 {r}民兵训练基地"));
        NAMES.put(UnitKind.ARMED_POLICE, split("武警{r}支队 武警{r}中队 武警{r}执勤大队"));
        NAMES.put(UnitKind.CENTRAL_UNIT, split("国家税务总局{r}税务局 国家统计局{r}调查队 中国人民银行{r}分行 "
                + "国家金融监督管理总局{r}监管分局 {r}气象局 {r}地震局 {r}烟草专卖局 中国邮政集团{r}分公司 {r}海关 "
                + "国网{r}供电公司 中国农业发展银行{r}支行 {r}出入境边防检查站"));
        NAMES.put(UnitKind.STATE_OWNED_ENTERPRISE, split("{r}电力投资集团 {r}交通投资集团 {r}公路航空旅游投资集团 {r}农垦集团 "
                + "{r}城市建设投资公司 {r}水务投资公司 {r}国有资产投资集团 {r}供销合作社联合社 {r}农村商业银行 {r}文化旅游发展集团 "
                + "{r}工业园区开发公司 {r}粮食储备公司 {r}能源化工集团 {r}矿业集团 {r}建设投资集团"));
    }

    /**
     * Kind weights by level, in {@link UnitKind} order (党政机关, 事业单位, 人民团体, 省军区, 武警, 中央在甘单位, 国有企业):
     * most units are departments and institutions; the armed forces and central units are few, and none at
     * township level.
     */
    static int[] kindWeights(UnitLevel level) {
        return switch (level) {
            case PROVINCE -> new int[] {34, 30, 6, 1, 1, 12, 16};
            case PREFECTURE -> new int[] {40, 34, 6, 1, 1, 8, 10};
            case COUNTY -> new int[] {46, 38, 7, 1, 1, 3, 4};
            case TOWNSHIP -> new int[] {62, 36, 2, 0, 0, 0, 0};
        };
    }

    /** GB 32100 characters 1–2: 11 机关, 12 事业单位, 13 群团, A1 军队单位, 91 企业. */
    static String creditPrefix(UnitKind kind) {
        return switch (kind) {
            case PARTY_GOVERNMENT -> "11";
            case PUBLIC_INSTITUTION, CENTRAL_UNIT -> "12";
            case PEOPLES_ORGANISATION -> "13";
            case MILITARY_DISTRICT, ARMED_POLICE -> "A1";
            case STATE_OWNED_ENTERPRISE -> "91";
        };
    }

    private static String[] split(String s) {
        return s.split(" ");
    }
}
