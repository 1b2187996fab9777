package cn.gansu.lianhu.reporting.rest;

/**
 * OpenAPI examples of the CSV downloads of the lists (issue 5 point 4; {@link Exports}): the header row in English
 * (Chinese with {@code headers=zh}) and a row, as in the JSON examples of the same operation.
 */
final class ExportExamples {
    private ExportExamples() {
    }

    static final String COUNTIES_CSV = """
            County code,County,Prefecture code,Prefecture,Poor villages
            622922000000,康乐县,622900000000,临夏回族自治州,2""";
    static final String VILLAGES_CSV = """
            Village code,Village,Township,County code,County,Households to cover
            622921100203,磨川村委会,韩集镇,622921000000,临夏县,1
            622922100204,新集村委会,附城镇,622922000000,康乐县,0""";
    static final String HOUSEHOLDS_CSV = """
            Head of household,Status,Members,Draft pairings,Village code,Village,Township,County,Household id
            何玉兰,IN_POVERTY,6,1,622921100203,磨川村委会,韩集镇,临夏县,5b0c3c38-5f0e-4bb1-a6a2-1d3a4f6e7c21""";
    static final String UNITS_CSV = """
            Unit,Level,Region code,Region,Active cadres,Required villages,Linked villages,Unit id
            临夏县民政局,COUNTY,622921000000,临夏县,2,2,1,9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4""";
    static final String CADRES_CSV = """
            Cadre,Rank,Unit,Unit region code,Unit region,Minimum households,Paired households,Cadre id,Unit id
            马明,OTHER,康乐县农业农村局,622922000000,康乐县,1,0,0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e,\
            9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4""";
    static final String OVERDUE_CSV = """
            Cadre,Unit,Head of household (masked),Household status,Village code,Pairing started,Last in-person visit,\
            Days since,Window (days),Pairing id
            王立新,定西市民政局,马**,IN_POVERTY,621121100201,2026-03-01,2026-08-20,101,90,\
            3f2e1d0c-9b8a-4765-a4b3-c2d1e0f9a8b7""";
    static final String TRENDS_CSV = """
            Month,Households to cover,Households covered,Active pairings,Visits,Visits in person,Demands opened,\
            Demands resolved,"Help, yuan",Households lifted,Households relapsed
            2026-06,3,2,2,1,1,1,0,1200.00,1,0
            2026-07,3,1,1,0,0,0,1,0.00,0,1""";
    static final String CHILDREN_COVERAGE_CSV = """
            Row,Region code,Region,Level,Poor counties,Poor villages,Households,Households in poverty,\
            Households lifted,Households relapsed,Members,...,Cadres without households
            TOTAL,620321000000,永昌县,COUNTY,0,1,2,1,0,1,8,...,0
            CHILD,620321100000,城关镇,TOWNSHIP,0,1,2,1,0,1,8,...,0""";
    static final String CHILDREN_VISITS_CSV = """
            Row,Scope,Scope id,Scope name,From,To,Visits,Visits in person,Visits in home,Visits by phone,\
            Visits at village meeting,Visits other,Visits 2026-01,...,Visits 2026-11,Task: policy publicity,...,\
            "Help, yuan",People benefiting,...,Overdue pairings
            TOTAL,REGION,621121100000,香泉镇,2026-01-01,2026-11-29,3,2,1,1,1,0,0,...,3,2,...,5000.00,4,...,0
            CHILD,REGION,621121100201,青岚村委会,2026-01-01,2026-11-29,3,2,1,1,1,0,0,...,3,2,...,5000.00,4,...,0""";
    static final String REGION_UNITS_CSV = """
            Unit id,Unit,Level,Region code,Region,Required villages,Linked villages,Active cadres,Cadres below minimum,\
            Cadres without households,Pairings made,Scope,Scope id,Scope name,From,To,Visits,...,Overdue pairings
            9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4,永昌县民政局,COUNTY,620321000000,永昌县,1,0,1,0,0,1,UNIT,\
            9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4,永昌县民政局,2026-01-01,2026-11-29,3,...,0""";
    static final String UNIT_CADRES_CSV = """
            Cadre id,Cadre,Rank,Status,Minimum households,Paired households,Below minimum,Scope,Scope id,Scope name,\
            From,To,Visits,...,Overdue pairings
            0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e,王立新,OTHER,ACTIVE,1,2,false,CADRE,\
            0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e,王立新,2026-01-01,2026-11-29,3,...,0""";
}
