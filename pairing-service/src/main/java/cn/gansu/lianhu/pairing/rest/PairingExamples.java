package cn.gansu.lianhu.pairing.rest;

/**
 * Example bodies of the pairing operations (OpenAPI), with real villages of 夏河县 (623027).
 */
final class PairingExamples {
    private PairingExamples() {
    }

    static final String PID = "5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47";
    static final String HID = "0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11";

    static final String CREATE = """
            {"cadreId":"3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33","householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11"}""";
    static final String DRAFT = """
            {"id":"5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47","cadreId":"3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33",
             "cadreName":"张明","cadreRank":"COUNTY_DIVISION","unitId":"c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a",
             "householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"623027104200","primary":true,
             "status":"DRAFT","startedOn":null,"endedOn":null,"endReason":null,"approvedBy":null,"endNote":null,
             "successorId":null,"planId":null,"version":1,"createdAt":"2026-11-29T04:00:00Z",
             "updatedAt":"2026-11-29T04:00:00Z"}""";
    static final String ACTIVE = """
            {"id":"5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47","cadreId":"3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33",
             "cadreName":"张明","cadreRank":"COUNTY_DIVISION","unitId":"c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a",
             "householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"623027104200","primary":true,
             "status":"ACTIVE","startedOn":"2026-11-29","endedOn":null,"endReason":null,"approvedBy":null,
             "endNote":null,"successorId":null,"planId":null,"version":1,"createdAt":"2026-11-29T04:00:00Z",
             "updatedAt":"2026-11-29T04:00:00Z"}""";
    static final String WITHDRAWN = """
            {"id":"5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47","cadreId":"3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33",
             "cadreName":"张明","cadreRank":"COUNTY_DIVISION","unitId":"c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a",
             "householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"623027104200","primary":false,
             "status":"WITHDRAWN","startedOn":null,"endedOn":null,"endReason":null,"approvedBy":null,"endNote":null,
             "successorId":null,"planId":null,"version":2,"createdAt":"2026-11-28T04:00:00Z",
             "updatedAt":"2026-11-29T04:00:00Z"}""";
    static final String ENDED = """
            {"id":"5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47","cadreId":"3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33",
             "cadreName":"张明","cadreRank":"COUNTY_DIVISION","unitId":"c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a",
             "householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"623027104200","primary":false,
             "status":"ENDED","startedOn":"2026-03-01","endedOn":"2026-11-28","endReason":"CORRECTION_APPROVED",
             "approvedBy":"夏河县扶贫办 王立新","endNote":"户籍核查：该户由其他单位干部帮扶更便利","successorId":null,
             "planId":null,"version":2,"createdAt":"2026-03-01T04:00:00Z","updatedAt":"2026-11-29T04:00:00Z"}""";
    static final String PRIMARY = """
            {"id":"5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47","cadreId":"3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33",
             "cadreName":"张明","cadreRank":"COUNTY_DIVISION","unitId":"c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a",
             "householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"623027104200","primary":true,
             "status":"ACTIVE","startedOn":"2026-03-01","endedOn":null,"endReason":null,"approvedBy":null,
             "endNote":null,"successorId":null,"planId":null,"version":3,"createdAt":"2026-03-01T04:00:00Z",
             "updatedAt":"2026-11-29T04:00:00Z"}""";
    static final String PAGE = """
            {"items":[""" + ACTIVE + """
            ],"page":0,"size":50,"total":1}""";
    static final String HOUSEHOLD_PAIRINGS = """
            [{"id":"5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47","cadreId":"3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33",
              "cadreName":"张明","cadreRank":"COUNTY_DIVISION","unitId":"c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a",
              "householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"623027104200","primary":true,
              "status":"ENDED","startedOn":"2026-03-01","endedOn":"2026-11-28","endReason":"CADRE_TRANSFERRED",
              "approvedBy":null,"endNote":"调任临夏州","successorId":"d7e6f5a4-b3c2-4d1e-8f09-a1b2c3d4e5f6","planId":null,
              "version":3,"createdAt":"2026-03-01T04:00:00Z","updatedAt":"2026-11-29T04:00:00Z"},
             {"id":"d7e6f5a4-b3c2-4d1e-8f09-a1b2c3d4e5f6","cadreId":"8a1c2e3f-4b5d-4c6e-9f70-1a2b3c4d5e6f",
              "cadreName":"李红","cadreRank":"OTHER","unitId":"c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a",
              "householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"623027104200","primary":true,
              "status":"ACTIVE","startedOn":"2026-11-28","endedOn":null,"endReason":null,"approvedBy":null,
              "endNote":null,"successorId":null,"planId":null,"version":1,"createdAt":"2026-11-29T04:00:00Z",
              "updatedAt":"2026-11-29T04:00:00Z"}]""";
    static final String HISTORY = """
            [{"seq":101,"at":"2026-03-01T04:00:00Z","action":"DRAFTED","effectiveOn":null,"reason":null,"actor":null,
              "note":null,"relatedId":null},
             {"seq":102,"at":"2026-03-01T04:00:00Z","action":"PRIMARY_SET","effectiveOn":"2026-03-01","reason":null,
              "actor":null,"note":null,"relatedId":null},
             {"seq":230,"at":"2026-03-10T04:00:00Z","action":"ACTIVATED","effectiveOn":"2026-03-10","reason":null,
              "actor":"夏河县农业农村局 局长 马永福","note":null,"relatedId":null},
             {"seq":4711,"at":"2026-11-29T04:00:00Z","action":"HANDED_OVER","effectiveOn":"2026-11-28",
              "reason":"CADRE_TRANSFERRED","actor":null,"note":"调任临夏州",
              "relatedId":"d7e6f5a4-b3c2-4d1e-8f09-a1b2c3d4e5f6"}]""";
    static final String END_CORRECTION = """
            {"reason":"CORRECTION_APPROVED","date":"2026-11-28","approvedBy":"夏河县扶贫办 王立新",
             "note":"户籍核查：该户由其他单位干部帮扶更便利"}""";
    static final String END_MOVED = """
            {"reason":"HOUSEHOLD_MOVED","date":"2026-11-20","note":"易地扶贫搬迁至合作市"}""";
    static final String END_NEW_PRIMARY = """
            {"reason":"CORRECTION_APPROVED","date":"2026-11-28","approvedBy":"夏河县扶贫办 王立新",
             "newPrimaryPairingId":"9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"}""";
    static final String CONFIRM = """
            {"confirmedBy":"夏河县农业农村局 局长 马永福"}""";
    static final String CONFIRMED = """
            {"unitId":"c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a","unitName":"夏河县农业农村局",
             "confirmedAt":"2026-11-29T04:00:00Z","confirmedBy":"夏河县农业农村局 局长 马永福","activated":14,
             "version":3}""";
    static final String DEPARTURE = """
            {"status":"TRANSFERRED","date":"2026-11-28","note":"调任临夏州",
             "handovers":[{"householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11",
                           "successorCadreId":"8a1c2e3f-4b5d-4c6e-9f70-1a2b3c4d5e6f"},
                          {"householdId":"7f3e2d1c-0b9a-4876-a5c4-3b2a19087f6e",
                           "successorCadreId":"8a1c2e3f-4b5d-4c6e-9f70-1a2b3c4d5e6f"}]}""";
    static final String DEPARTED = """
            {"cadreId":"3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33","cadreName":"张明","status":"TRANSFERRED",
             "leftOn":"2026-11-28","version":3,
             "handovers":[{"householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11",
                           "endedPairingId":"5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47","endedStatus":"ENDED",
                           "successorCadreId":"8a1c2e3f-4b5d-4c6e-9f70-1a2b3c4d5e6f","successorCadreName":"李红",
                           "successorPairingId":"d7e6f5a4-b3c2-4d1e-8f09-a1b2c3d4e5f6","successorStatus":"ACTIVE",
                           "primary":true},
                          {"householdId":"7f3e2d1c-0b9a-4876-a5c4-3b2a19087f6e",
                           "endedPairingId":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","endedStatus":"ENDED",
                           "successorCadreId":"8a1c2e3f-4b5d-4c6e-9f70-1a2b3c4d5e6f","successorCadreName":"李红",
                           "successorPairingId":"6f5e4d3c-2b1a-4098-8765-4321fedcba98","successorStatus":"ACTIVE",
                           "primary":false}],
             "leaderLinksEnded":0}""";

    // ----- problems -----
    static final String P400_BODY = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"must not be null","instance":"/api/v1/pairings",
             "errors":[{"field":"cadreId","rule":"not-null","message":"must not be null"}]}""";
    static final String P400_JSON = """
            {"type":"urn:lianhu:problem:malformed-request","title":"Request body cannot be read","status":400,
             "detail":"expected UUID at cadreId","instance":"/api/v1/pairings",
             "errors":[{"field":"cadreId","rule":"json.type","message":"expected UUID at cadreId"}]}""";
    static final String P400_ID_TYPE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"id must be a UUID, not '42'","instance":"/api/v1/pairings/42",
             "errors":[{"field":"id","rule":"param.type","message":"id must be a UUID, not '42'"}]}""";
    static final String P400_QUERY_TYPE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"cadre must be a UUID, not 'zhang'","instance":"/api/v1/pairings",
             "errors":[{"field":"cadre","rule":"param.type","message":"cadre must be a UUID, not 'zhang'"}]}""";
    static final String P400_VILLAGE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"village is a division code of 2, 4, 6, 9 or 12 digits, not '6230x'","instance":"/api/v1/pairings",
             "errors":[{"field":"village","rule":"region-code.format",
                        "message":"village is a division code of 2, 4, 6, 9 or 12 digits, not '6230x'"}]}""";
    static final String P400_STATUS = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"status is one of DRAFT, ACTIVE, WITHDRAWN, ENDED, not 'LIVE'","instance":"/api/v1/pairings",
             "errors":[{"field":"status","rule":"enum.value",
                        "message":"status is one of DRAFT, ACTIVE, WITHDRAWN, ENDED, not 'LIVE'"}]}""";
    static final String P400_REASON = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"an active pairing ends only with a reason code: HOUSEHOLD_DISSOLVED, HOUSEHOLD_MERGED, HOUSEHOLD_MOVED or CORRECTION_APPROVED",
             "instance":"/api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47/end",
             "errors":[{"field":"reason","rule":"end.reason-required",
                        "message":"an active pairing ends only with a reason code: HOUSEHOLD_DISSOLVED, HOUSEHOLD_MERGED, HOUSEHOLD_MOVED or CORRECTION_APPROVED"}]}""";
    static final String P400_APPROVED_BY = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"CORRECTION_APPROVED needs the named person who approved the correction",
             "instance":"/api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47/end",
             "errors":[{"field":"approvedBy","rule":"end.approved-by-required",
                        "message":"CORRECTION_APPROVED needs the named person who approved the correction"}]}""";
    static final String P400_CONFIRMED_BY = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"confirming a unit's pairings needs the named person who confirms them",
             "instance":"/api/v1/units/c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a/pairings/confirm",
             "errors":[{"field":"confirmedBy","rule":"confirm.confirmed-by-required",
                        "message":"confirming a unit's pairings needs the named person who confirms them"}]}""";
    static final String P400_DEPARTURE = """
            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
             "detail":"a departure sets TRANSFERRED, RETIRED or DECEASED (调离, 退休, 去世), not ACTIVE",
             "instance":"/api/v1/cadres/3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33/departure",
             "errors":[{"field":"status","rule":"departure.status-invalid",
                        "message":"a departure sets TRANSFERRED, RETIRED or DECEASED (调离, 退休, 去世), not ACTIVE"}]}""";
    static final String P404 = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"pairing 5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47 does not exist",
             "instance":"/api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47","errors":[]}""";
    static final String P404_UNIT = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"unit c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a does not exist",
             "instance":"/api/v1/units/c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a/pairings/confirm","errors":[]}""";
    static final String P404_CADRE = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"cadre 3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33 does not exist",
             "instance":"/api/v1/cadres/3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33/departure","errors":[]}""";
    static final String P404_HOUSEHOLD = """
            {"type":"urn:lianhu:problem:not-found","title":"Not found","status":404,
             "detail":"household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 does not exist",
             "instance":"/api/v1/households/0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11/pairings","errors":[]}""";
    static final String P409_DUPLICATE = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"cadre 张明 is already paired with household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 (pairing 5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47, ACTIVE)",
             "instance":"/api/v1/pairings","errors":[{"field":"householdId","rule":"pairing.duplicate",
             "message":"cadre 张明 is already paired with household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 (pairing 5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47, ACTIVE)"}]}""";
    static final String P409_FIXED = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"pairing 5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47 is ACTIVE: confirmed pairings end only with a reason: POST /api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47/end",
             "instance":"/api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47","errors":[{"field":"id",
             "rule":"pairing.fixed-once","message":"pairing 5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47 is ACTIVE: confirmed pairings end only with a reason: POST /api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47/end"}]}""";
    static final String P409_NOT_LIVE = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"pairing 5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47 is already ENDED",
             "instance":"/api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47","errors":[{"field":"id",
             "rule":"pairing.not-live","message":"pairing 5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47 is already ENDED"}]}""";
    static final String P409_DRAFT = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"pairing 5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47 is a DRAFT, never confirmed: withdraw it with DELETE /api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47",
             "instance":"/api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47/end","errors":[{"field":"id",
             "rule":"pairing.draft-not-ended","message":"pairing 5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47 is a DRAFT, never confirmed: withdraw it with DELETE /api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47"}]}""";
    static final String P409_CONFIRMED = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"unit 夏河县农业农村局 confirmed its pairings at 2026-11-20T04:00Z (夏河县农业农村局 局长 马永福): pairings are confirmed once; after that they end only with a reason",
             "instance":"/api/v1/units/c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a/pairings/confirm","errors":[{"field":"id",
             "rule":"unit.already-confirmed","message":"unit 夏河县农业农村局 confirmed its pairings at 2026-11-20T04:00Z (夏河县农业农村局 局长 马永福): pairings are confirmed once; after that they end only with a reason"}]}""";
    static final String P409_LEFT = """
            {"type":"urn:lianhu:problem:conflict","title":"Conflicts with stored data","status":409,
             "detail":"cadre 张明 already left: RETIRED on 2026-06-30",
             "instance":"/api/v1/cadres/3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33/departure","errors":[{"field":"id",
             "rule":"cadre.already-left","message":"cadre 张明 already left: RETIRED on 2026-06-30"}]}""";
    static final String P422_OUTSIDE = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"village 623027104202 卡加村民委员会 is not linked by unit 夏河县农业农村局 (部门联村): cadre 张明 pairs only with households of the villages of their own unit",
             "instance":"/api/v1/pairings","errors":[{"field":"householdId","rule":"pairing.outside-unit-villages",
             "message":"village 623027104202 卡加村民委员会 is not linked by unit 夏河县农业农村局 (部门联村): cadre 张明 pairs only with households of the villages of their own unit"}]}""";
    static final String P422_LEADER = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"village 623027104202 卡加村民委员会 is not one of the villages linked by provincial leader 王建华 (联县联村): 623027104200 八角城村民委员会",
             "instance":"/api/v1/pairings","errors":[{"field":"householdId","rule":"pairing.outside-leader-villages",
             "message":"village 623027104202 卡加村民委员会 is not one of the villages linked by provincial leader 王建华 (联县联村): 623027104200 八角城村民委员会"}]}""";
    static final String P422_MAXIMUM = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 has 3 cadres; at most 3","instance":"/api/v1/pairings",
             "errors":[{"field":"householdId","rule":"pairing.household-maximum",
                        "message":"household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 has 3 cadres; at most 3"}]}""";
    static final String P422_UNKNOWN = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"2 rules are broken","instance":"/api/v1/pairings",
             "errors":[{"field":"cadreId","rule":"pairing.cadre-unknown",
                        "message":"cadre 3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33 does not exist"},
                       {"field":"householdId","rule":"pairing.household-unknown",
                        "message":"household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 is not known to pairing-service (no registry.households event named it)"}]}""";
    static final String P422_BELOW = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"3 rules are broken","instance":"/api/v1/units/c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a/pairings/confirm",
             "errors":[{"field":"cadres[3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33]","rule":"pairing.cadre-below-minimum",
                        "message":"张明 (COUNTY_DIVISION) has 1 household; at least 2"},
                       {"field":"cadres[8a1c2e3f-4b5d-4c6e-9f70-1a2b3c4d5e6f]","rule":"pairing.cadre-below-minimum",
                        "message":"李红 (OTHER) has 0 households; at least 1"},
                       {"field":"villages[623027104200]","rule":"pairing.household-uncovered",
                        "message":"village 623027104200 八角城村民委员会: 3 households in poverty without a cadre"}]}""";
    static final String P422_USE_DEPARTURE = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"CADRE_RETIRED: a cadre who leaves hands every household to a successor in one step: POST /api/v1/cadres/3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33/departure",
             "instance":"/api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47/end","errors":[{"field":"reason",
             "rule":"end.use-departure","message":"CADRE_RETIRED: a cadre who leaves hands every household to a successor in one step: POST /api/v1/cadres/3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33/departure"}]}""";
    static final String P422_UNCOVERED = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 (IN_POVERTY) would be left without a cadre: pair another cadre with it first",
             "instance":"/api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47/end","errors":[{"field":"id",
             "rule":"pairing.household-uncovered","message":"household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 (IN_POVERTY) would be left without a cadre: pair another cadre with it first"}]}""";
    static final String P422_NEW_PRIMARY = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"pairing 5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47 is the primary of household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 and 2 other live pairings remain: name the new primary, one of 9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d, 6f5e4d3c-2b1a-4098-8765-4321fedcba98",
             "instance":"/api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47/end","errors":[{"field":"newPrimaryPairingId",
             "rule":"end.new-primary-required","message":"pairing 5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47 is the primary of household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 and 2 other live pairings remain: name the new primary, one of 9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d, 6f5e4d3c-2b1a-4098-8765-4321fedcba98"}]}""";
    static final String P422_DATE = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"date 2026-12-01 is in the future (today is 2026-11-29)",
             "instance":"/api/v1/pairings/5e0c7a2d-91b4-4f7e-8d3a-6c2b1f0e9a47/end","errors":[{"field":"date",
             "rule":"end.date-future","message":"date 2026-12-01 is in the future (today is 2026-11-29)"}]}""";
    static final String P422_HANDOVER = """
            {"type":"urn:lianhu:problem:domain-rule","title":"A domain rule forbids this","status":422,
             "detail":"2 rules are broken","instance":"/api/v1/cadres/3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33/departure",
             "errors":[{"field":"handovers[0].successorCadreId","rule":"handover.successor-outside-villages",
                        "message":"household 0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11 cannot go to 李红: village 623027104200 八角城村民委员会 is not linked by unit 夏河县卫生健康局 (部门联村): cadre 李红 pairs only with households of the villages of their own unit"},
                       {"field":"handovers","rule":"handover.household-missing",
                        "message":"household 7f3e2d1c-0b9a-4876-a5c4-3b2a19087f6e (village 623027104200 八角城村民委员会) has no successor: every household of 张明 is handed over in the same request"}]}""";
}
