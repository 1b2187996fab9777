package cn.gansu.lianhu.pairing.rest;

/**
 * Example bodies of the unit, cadre and link operations (OpenAPI), with real Gansu codes and names. Problem
 * examples are exactly what the service answers (rule ids of issue 3 points 1–4).
 */
final class Examples {
    private Examples() {
    }

    static final String UNIT_ID = "3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90";
    static final String CADRE_ID = "7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02";

    static final String UNIT_PAGE = """
            {"items":[""" + UnitView.EXAMPLE + """
            ],"page":0,"size":50,"total":1}""";
    static final String CADRE_PAGE = """
            {"items":[""" + CadreView.EXAMPLE + """
            ],"page":0,"size":50,"total":1}""";
    static final String LEADER = """
            {"id":"7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02","name":"张志远","idNumberMasked":"620102********0030",
             "unitId":"3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90","unitName":"中共甘肃省委办公厅","rank":"PROVINCIAL_LEADER",
             "status":"ACTIVE","phoneMasked":null,"leftOn":null,"minimumHouseholds":5,"livePairings":0,
             "leader":{"linkedCounties":1,"minCounties":1,"maxCounties":2,"meetsMinimum":true,
                       "links":[""" + LeaderLinkView.EXAMPLE + """
            ]},"version":1,"createdAt":"2026-11-29T04:00:00Z","updatedAt":"2026-11-29T04:00:00Z"}""";
    static final String BANDS = """
            [{"minCadres":1,"maxCadres":29,"villages":1},{"minCadres":30,"maxCadres":99,"villages":2},
             {"minCadres":100,"maxCadres":299,"villages":3},{"minCadres":300,"maxCadres":null,"villages":4}]""";
    static final String VILLAGE_LINKS = "[" + VillageLinkView.EXAMPLE + "]";
    static final String LEADER_LINKS = "[" + LeaderLinkView.EXAMPLE + "]";
    static final String VILLAGE_LINK_ENDED = """
            {"id":"c41d7a20-8e3b-4f59-a6d2-0b9e1f3c5a77","unitId":"3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90",
             "villageCode":"623021100201","villageName":"青崖村民委员会","countyCode":"623021000000",
             "linkedOn":"2026-11-01","endedOn":"2026-11-29","endReason":"CORRECTION_APPROVED",
             "endedBy":"省联村联户办 李明","active":false}""";
    static final String LEADER_LINK_ENDED = """
            {"id":"e8b3f1c2-4a7d-4e90-b5c6-1d2e3f4a5b6c","cadreId":"7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02",
             "countyCode":"623023000000","countyName":"舟曲县","villageCode":"623023100200",
             "villageName":"庙沟村村民委员会","linkedOn":"2026-11-01","endedOn":"2026-11-29",
             "endReason":"CORRECTION_APPROVED","endedBy":"省联村联户办 李明","active":false}""";

    // ---- problems ----------------------------------------------------------------------------------------
    static final String P400_CREDIT = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"creditCode check character should be M, not 1 (GB 32100)","instance":"/api/v1/units",
             "errors":[{"field":"creditCode","rule":"credit-code.check-character",
                        "message":"creditCode check character should be M, not 1 (GB 32100)"}]}""";
    static final String P400_LEVEL = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"level is one of PROVINCE (省直), PREFECTURE (市州), COUNTY (县区), TOWNSHIP (乡镇), not 'CITY'",
             "instance":"/api/v1/units","errors":[{"field":"level","rule":"enum.value",
             "message":"level is one of PROVINCE (省直), PREFECTURE (市州), COUNTY (县区), TOWNSHIP (乡镇), not 'CITY'"}]}""";
    static final String P400_REGION_FORMAT = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"region is a division code of 2, 4, 6, 9 or 12 digits, not '623'","instance":"/api/v1/units",
             "errors":[{"field":"region","rule":"region-code.format",
                        "message":"region is a division code of 2, 4, 6, 9 or 12 digits, not '623'"}]}""";
    static final String P400_SIZE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"must be less than or equal to 500","instance":"/api/v1/units",
             "errors":[{"field":"size","rule":"max","message":"must be less than or equal to 500"}]}""";
    static final String P400_PAGE_TYPE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"page must be an integer, not 'last'","instance":"/api/v1/units",
             "errors":[{"field":"page","rule":"param.type","message":"page must be an integer, not 'last'"}]}""";
    static final String P400_UNIT_ID_TYPE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"id must be a UUID, not '42'","instance":"/api/v1/units/42",
             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not '42'"}]}""";
    static final String P400_CADRE_ID_TYPE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"id must be a UUID, not '42'","instance":"/api/v1/cadres/42",
             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not '42'"}]}""";
    static final String P400_UNIT_FILTER_TYPE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"unit must be a UUID, not 'abc'","instance":"/api/v1/cadres",
             "errors":[{"field":"unit","rule":"param.type","message":"unit must be a UUID, not 'abc'"}]}""";
    static final String P400_ID_NUMBER = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"check character should be 3, not 7","instance":"/api/v1/cadres",
             "errors":[{"field":"idNumber","rule":"id-number.check-digit","message":"check character should be 3, not 7"}]}""";
    static final String P400_PHONE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"digits, spaces and - only","instance":"/api/v1/cadres",
             "errors":[{"field":"phone","rule":"pattern","message":"digits, spaces and - only"}]}""";
    static final String P400_VILLAGE_CODE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"villageCode must be a 12-digit village code, not '623021'",
             "instance":"/api/v1/units/3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90/villages",
             "errors":[{"field":"villageCode","rule":"region-code.format",
                        "message":"villageCode must be a 12-digit village code, not '623021'"}]}""";
    static final String P400_REASON = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"a unit's village link ends only with a reason: one of CORRECTION_APPROVED",
             "instance":"/api/v1/units/3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90/villages/623021100201/end",
             "errors":[{"field":"reason","rule":"end.reason-required",
                        "message":"a unit's village link ends only with a reason: one of CORRECTION_APPROVED"}]}""";
    static final String P400_APPROVER = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"CORRECTION_APPROVED needs approvedBy: the person who approved the correction",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02/counties/623023/end",
             "errors":[{"field":"approvedBy","rule":"end.approved-by-required",
                        "message":"CORRECTION_APPROVED needs approvedBy: the person who approved the correction"}]}""";
    static final String P400_COUNTY_CODE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"countyCode must be a county code of 6 or 12 digits (e.g. 623021 or 623021000000), not '6230'",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02/counties",
             "errors":[{"field":"countyCode","rule":"region-code.format",
                        "message":"countyCode must be a county code of 6 or 12 digits (e.g. 623021 or 623021000000), not '6230'"}]}""";
    static final String P404_UNIT = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"unit 3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90 does not exist",
             "instance":"/api/v1/units/3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90","errors":[]}""";
    static final String P404_CADRE = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"cadre 7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02 does not exist",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02","errors":[]}""";
    static final String P404_VILLAGE_LINK = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"active village link of unit 3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90 to village 623021100202 does not exist",
             "instance":"/api/v1/units/3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90/villages/623021100202/end","errors":[]}""";
    static final String P404_LEADER_LINK = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"active county link of cadre 7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02 to county 623024000000 does not exist",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02/counties/623024/end","errors":[]}""";
    static final String P409_CREDIT = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"credit code 11620000013918592M is already registered for unit 3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90 (甘肃省农业农村厅)",
             "instance":"/api/v1/units","errors":[{"field":"creditCode","rule":"unit.duplicate-credit-code",
             "message":"credit code 11620000013918592M is already registered for unit 3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90 (甘肃省农业农村厅)"}]}""";
    static final String P409_NAME = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"a unit named 甘肃省农业农村厅 is already registered in region 620000000000: 3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90",
             "instance":"/api/v1/units","errors":[{"field":"name","rule":"unit.duplicate-name",
             "message":"a unit named 甘肃省农业农村厅 is already registered in region 620000000000: 3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90"}]}""";
    static final String P409_UNIT_VERSION = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"unit 3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90 is at version 3, not 1: read it again and repeat the change",
             "instance":"/api/v1/units/3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90","errors":[{"field":"version",
             "rule":"version.stale","message":"unit 3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90 is at version 3, not 1: read it again and repeat the change"}]}""";
    static final String P409_CADRE_VERSION = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"cadre 7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02 is at version 2, not 1: read it again and repeat the change",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02","errors":[{"field":"version",
             "rule":"version.stale","message":"cadre 7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02 is at version 2, not 1: read it again and repeat the change"}]}""";
    static final String P409_ID_NUMBER = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"ID number 620102********0013 is already registered for cadre 7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02",
             "instance":"/api/v1/cadres","errors":[{"field":"idNumber","rule":"cadre.duplicate-id-number",
             "message":"ID number 620102********0013 is already registered for cadre 7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02"}]}""";
    /** The same conflict when the other cadre lies outside the caller's scope: it is not named (issue 6). */
    static final String P409_ID_NUMBER_ELSEWHERE = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"ID number 620102********0013 is already registered for another cadre",
             "instance":"/api/v1/cadres","errors":[{"field":"idNumber","rule":"cadre.duplicate-id-number",
             "message":"ID number 620102********0013 is already registered for another cadre"}]}""";
    static final String P409_VILLAGE_LINK = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"unit 甘肃省农业农村厅 already links village 623021100201 青崖村民委员会",
             "instance":"/api/v1/units/3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90/villages",
             "errors":[{"field":"villageCode","rule":"village-link.duplicate",
                        "message":"unit 甘肃省农业农村厅 already links village 623021100201 青崖村民委员会"}]}""";
    static final String P409_LEADER_COUNTY = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"leader 张志远 already links county 623023 舟曲县",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02/counties",
             "errors":[{"field":"countyCode","rule":"leader-link.duplicate-county",
                        "message":"leader 张志远 already links county 623023 舟曲县"}]}""";
    static final String P422_REGION_LEVEL = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"a COUNTY unit sits in a region of 6 significant digits (e.g. 623021), but 6230 is a PREFECTURE code",
             "instance":"/api/v1/units","errors":[{"field":"regionCode","rule":"unit.region-level-mismatch",
             "message":"a COUNTY unit sits in a region of 6 significant digits (e.g. 623021), but 6230 is a PREFECTURE code"}]}""";
    static final String P422_REGION_GANSU = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"regionCode 6101 is not in Gansu: units sit in a region whose code starts with 62",
             "instance":"/api/v1/units","errors":[{"field":"regionCode","rule":"unit.region-outside-gansu",
             "message":"regionCode 6101 is not in Gansu: units sit in a region whose code starts with 62"}]}""";
    static final String P422_UNKNOWN_UNIT = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"unit 3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90 does not exist","instance":"/api/v1/cadres",
             "errors":[{"field":"unitId","rule":"cadre.unknown-unit",
                        "message":"unit 3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90 does not exist"}]}""";
    static final String P422_STATUS = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"the status of a cadre changes only through the departure/hand-over operation, which hands their households to successors in the same step; cadre 7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02 is ACTIVE now",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02","errors":[{"field":"status",
             "rule":"cadre.status-via-departure","message":"the status of a cadre changes only through the departure/hand-over operation, which hands their households to successors in the same step; cadre 7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02 is ACTIVE now"}]}""";
    static final String P422_STATUS_CREATE = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"a cadre is registered ACTIVE (在岗); RETIRED is reached through the departure/hand-over operation",
             "instance":"/api/v1/cadres","errors":[{"field":"status","rule":"cadre.status-on-create",
             "message":"a cadre is registered ACTIVE (在岗); RETIRED is reached through the departure/hand-over operation"}]}""";
    static final String P422_LIVE_PAIRINGS = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"cadre 7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02 has 2 live pairings (DRAFT or ACTIVE); the unit can change only when they have been handed over or ended",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02","errors":[{"field":"unitId",
             "rule":"cadre.has-live-pairings","message":"cadre 7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02 has 2 live pairings (DRAFT or ACTIVE); the unit can change only when they have been handed over or ended"}]}""";
    static final String P422_UNKNOWN_VILLAGE = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"village 623021199999 is not known from registry events: only poor villages registry has published can be linked",
             "instance":"/api/v1/units/3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90/villages",
             "errors":[{"field":"villageCode","rule":"village-link.unknown-village",
             "message":"village 623021199999 is not known from registry events: only poor villages registry has published can be linked"}]}""";
    static final String P422_NOT_POOR_VILLAGE = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"village 623021100002 东环路社区居民委员会 is not a poor village (贫困村): units link poor villages only",
             "instance":"/api/v1/units/3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90/villages",
             "errors":[{"field":"villageCode","rule":"village-link.not-poor-village",
             "message":"village 623021100002 东环路社区居民委员会 is not a poor village (贫困村): units link poor villages only"}]}""";
    static final String P422_FUTURE = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"linkedOn 2026-12-01 is in the future (today is 2026-11-29)",
             "instance":"/api/v1/units/3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90/villages",
             "errors":[{"field":"linkedOn","rule":"date.future",
                        "message":"linkedOn 2026-12-01 is in the future (today is 2026-11-29)"}]}""";
    static final String P422_VILLAGE_LINK_LIVE = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"unit 甘肃省农业农村厅 still has 3 live pairings (DRAFT or ACTIVE) in village 623021100201: end or hand them over first (不脱钩)",
             "instance":"/api/v1/units/3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90/villages/623021100201/end",
             "errors":[{"field":"villageCode","rule":"village-link.has-live-pairings",
             "message":"unit 甘肃省农业农村厅 still has 3 live pairings (DRAFT or ACTIVE) in village 623021100201: end or hand them over first (不脱钩)"}]}""";
    static final String P422_REASON = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"a unit's village link cannot end with HOUSEHOLD_MOVED; allowed: CORRECTION_APPROVED",
             "instance":"/api/v1/units/3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90/villages/623021100201/end",
             "errors":[{"field":"reason","rule":"end.reason-not-applicable",
                        "message":"a unit's village link cannot end with HOUSEHOLD_MOVED; allowed: CORRECTION_APPROVED"}]}""";
    static final String P422_TOO_MANY = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"leader 张志远 already links 2 poor counties; at most 2 (623023 舟曲县, 623024 迭部县)",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02/counties",
             "errors":[{"field":"countyCode","rule":"leader-link.too-many-counties",
                        "message":"leader 张志远 already links 2 poor counties; at most 2 (623023 舟曲县, 623024 迭部县)"}]}""";
    static final String P422_NOT_LEADER = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"cadre 7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02 is COUNTY_DIVISION and ACTIVE: only an ACTIVE PROVINCIAL_LEADER (省级领导) links poor counties (联县联村)",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02/counties",
             "errors":[{"field":"id","rule":"leader-link.not-provincial-leader",
             "message":"cadre 7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02 is COUNTY_DIVISION and ACTIVE: only an ACTIVE PROVINCIAL_LEADER (省级领导) links poor counties (联县联村)"}]}""";
    static final String P422_NOT_POOR_COUNTY = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"county 620702000000 甘州区 is not a poor county (贫困县)",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02/counties",
             "errors":[{"field":"countyCode","rule":"leader-link.not-poor-county",
                        "message":"county 620702000000 甘州区 is not a poor county (贫困县)"}]}""";
    static final String P422_OUTSIDE_COUNTY = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"village 623024100200 is not in county 623023000000: a leader links one poor village inside each linked county",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02/counties",
             "errors":[{"field":"villageCode","rule":"leader-link.village-outside-county",
             "message":"village 623024100200 is not in county 623023000000: a leader links one poor village inside each linked county"}]}""";
    static final String P422_LEADER_NOT_POOR_VILLAGE = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"village 623023100001 西城社区居民委员会 is not a poor village (贫困村)",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02/counties",
             "errors":[{"field":"villageCode","rule":"leader-link.not-poor-village",
                        "message":"village 623023100001 西城社区居民委员会 is not a poor village (贫困村)"}]}""";
    static final String P422_LEADER_LINK_LIVE = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"leader 张志远 still has 5 live pairings (DRAFT or ACTIVE) in village 623023100200: end or hand them over first (不脱钩)",
             "instance":"/api/v1/cadres/7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02/counties/623023/end",
             "errors":[{"field":"countyCode","rule":"leader-link.has-live-pairings",
             "message":"leader 张志远 still has 5 live pairings (DRAFT or ACTIVE) in village 623023100200: end or hand them over first (不脱钩)"}]}""";
}
