// How a front-end team uses the types generated from the four OpenAPI documents (issue 9 point 2). This file is
// only compiled (tsc --noEmit), never run: a schema, property, operation or status that the documents stop
// declaring, or whose type changes, fails the build here first.
import type {
  components as Registry,
  operations as RegistryOperations,
  paths as RegistryPaths,
} from "../target/ts/registry-service";
import type { components as Pairing, operations as PairingOperations } from "../target/ts/pairing-service";
import type { components as Visit, operations as VisitOperations } from "../target/ts/visit-service";
import type { components as Reporting, operations as ReportingOperations } from "../target/ts/reporting-service";

// ---- shared shapes ---------------------------------------------------------------------------------------------

/** Every error answer of every service: RFC 9457 problem+json with the fields and rules that failed. */
type Problem = Registry["schemas"]["Problem"];
type FieldError = Registry["schemas"]["FieldError"];

/** An answer as the UI sees it: the typed body of the success status, or the problem. */
type Answer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; problem: Problem };

async function call<T>(base: string, path: string, token: string, init: RequestInit = {}): Promise<Answer<T>> {
  const response = await fetch(base + path, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...init.headers },
  });
  if (response.ok) {
    return { ok: true, status: response.status, body: (await response.json()) as T };
  }
  // every 4xx/5xx of these APIs is application/problem+json with the Problem schema
  return { ok: false, status: response.status, problem: (await response.json()) as Problem };
}

/** The message to show beside a form field, from a 400 problem's errors. */
export function fieldMessages(problem: Problem): Map<string, string> {
  const messages = new Map<string, string>();
  const errors: FieldError[] = problem.errors ?? [];
  for (const e of errors) {
    messages.set(e.field ?? "", `${e.message ?? ""} (${e.rule ?? ""})`);
  }
  return messages;
}

// ---- registry-service: the household list -------------------------------------------------------------------

type HouseholdQuery = NonNullable<RegistryOperations["listHouseholds"]["parameters"]["query"]>;
type HouseholdPage = RegistryOperations["listHouseholds"]["responses"][200]["content"]["application/json"];
type HouseholdListProblem = RegistryOperations["listHouseholds"]["responses"][400]["content"]["application/problem+json"];
type HouseholdStatus = Registry["schemas"]["HouseholdStatus"];

// the list path exists with a GET
type HouseholdListGet = RegistryPaths["/api/v1/households"]["get"];
export const householdListOperation: HouseholdListGet["responses"][200]["content"]["application/json"] | null = null;

const STATUS_LABEL: Record<HouseholdStatus, string> = {
  IN_POVERTY: "贫困",
  LIFTED: "脱贫",
  RELAPSED: "返贫",
};

export async function householdRows(base: string, token: string, query: HouseholdQuery): Promise<string[]> {
  const params = new URLSearchParams();
  if (query.region) params.set("region", query.region);
  if (query.status) params.set("status", query.status);
  params.set("page", String(query.page ?? 0));
  params.set("size", String(query.size ?? 50));
  const answer = await call<HouseholdPage>(base, `/api/v1/households?${params}`, token);
  if (!answer.ok) {
    const problem: HouseholdListProblem = answer.problem;
    return [`${problem.status ?? answer.status} ${problem.title ?? ""}: ${problem.detail ?? ""}`];
  }
  const page: HouseholdPage = answer.body;
  const total: number = page.total ?? 0;
  return (page.items ?? []).map((h) => {
    const status = h.status ? STATUS_LABEL[h.status] : "";
    const income: number = h.incomePerCapita ?? 0;
    return `${h.villageCode ?? ""} ${h.householdNo ?? ""} ${h.headName ?? ""} ${h.headIdNumberMasked ?? ""} `
      + `${h.memberCount ?? 0}人 ${status} ${income.toFixed(0)}元 (${total})`;
  });
}

/** The registration form's body: required fields and the enums as the document declares them. */
export function householdForm(request: Registry["schemas"]["HouseholdRequest"]): string {
  return JSON.stringify(request);
}

// ---- pairing-service: a cadre list and a pairing ---------------------------------------------------------------

type CadrePage = PairingOperations["listCadres"]["responses"][200]["content"]["application/json"];
type PairingRequest = PairingOperations["createPairing"]["requestBody"] extends infer B
  ? B extends { content: { "application/json": infer J } } ? J : never
  : never;

export function cadreNames(page: CadrePage): string[] {
  return (page.items ?? []).map((c: Pairing["schemas"]["Cadre"]) => `${c.name ?? ""} ${c.rank ?? ""}`);
}

export function pairingBody(request: PairingRequest): string {
  return JSON.stringify(request);
}

// ---- visit-service: logging a visit ----------------------------------------------------------------------------

type VisitRequest = NonNullable<VisitOperations["logVisit"]["requestBody"]>["content"]["application/json"];
type VisitLogged = VisitOperations["logVisit"]["responses"][201]["content"]["application/json"];
type VisitMode = Visit["schemas"]["VisitMode"];

export async function logVisit(base: string, token: string, idempotencyKey: string): Promise<string> {
  const mode: VisitMode = "IN_HOME";
  const body: VisitRequest = {
    cadreId: "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b",
    householdId: "7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718",
    visitedOn: "2026-11-28",
    mode,
    durationMinutes: 45,
    location: { lat: 36.06, lon: 103.83 },
    notes: "了解春耕备耕情况",
    tasks: [{ task: "宣讲政策", policies: ["城乡居民基本医疗保险"] }],
  };
  const answer = await call<VisitLogged>(base, "/api/v1/visits", token, {
    method: "POST",
    headers: { "Idempotency-Key": idempotencyKey },
    body: JSON.stringify(body),
  });
  if (!answer.ok) {
    return [...fieldMessages(answer.problem).entries()].map(([f, m]) => `${f}: ${m}`).join("\n");
  }
  const visit: Visit["schemas"]["Visit"] = answer.body;
  return `${visit.id ?? ""} ${visit.visitedOn ?? ""}`;
}

// ---- reporting-service: the coverage table ---------------------------------------------------------------------

type CoverageChildren = ReportingOperations["getChildRegionCoverage"]["responses"][200]["content"]["application/json"];
type CoverageRow = Reporting["schemas"]["RegionCoverage"];

/** One table row per child region: households, those still without a cadre, units and cadres involved. */
export function coverageRows(answer: CoverageChildren): string[][] {
  const rows: CoverageRow[] = answer.children ?? [];
  return rows.map((r) => [
    r.code ?? "",
    r.name ?? "",
    String(r.households?.total ?? 0),
    String(r.households?.inPoverty ?? 0),
    String(r.targets?.householdsWithoutCadre ?? 0),
    String(r.participants?.units ?? 0),
    String(r.participants?.unitsBelowRequired ?? 0),
  ]);
}

/** The coverage answers' 404 is a problem too. */
export type CoverageNotFound =
  ReportingOperations["getRegionCoverage"]["responses"][404]["content"]["application/problem+json"];
