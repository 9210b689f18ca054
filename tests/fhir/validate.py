"""Validates FHIR Bundles (JSON files named on the command line) with the fhir.resources
models: the Bundle, then each resource in it by its own model. Prints, for each file, the
bundle as the models read it back (JSON, one line), so a test can compare it with the plan.
Exits 1 with the reasons when any file is not valid FHIR."""

import json
import sys

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle


# Codes whose value sets are required in R4 (the models check types and cardinality, not
# these): the field, and the codes it may hold.
REQUIRED = {
    ("Bundle", "type"): {"document", "message", "transaction", "transaction-response", "batch",
                         "batch-response", "history", "searchset", "collection"},
    ("CarePlan", "status"): {"draft", "active", "on-hold", "revoked", "completed",
                             "entered-in-error", "unknown"},
    ("CarePlan", "intent"): {"proposal", "plan", "order", "option"},
    ("CareTeam", "status"): {"proposed", "active", "suspended", "inactive", "entered-in-error"},
    ("Goal", "lifecycleStatus"): {"proposed", "planned", "accepted", "active", "on-hold",
                                  "completed", "cancelled", "entered-in-error", "rejected"},
    ("Observation", "status"): {"registered", "preliminary", "final", "amended", "corrected",
                                "cancelled", "entered-in-error", "unknown"},
}
ACTIVITY_STATUS = {"not-started", "scheduled", "in-progress", "on-hold", "completed",
                   "cancelled", "stopped", "unknown", "entered-in-error"}


def check_codes(raw):
    resources = [raw] + [e["resource"] for e in raw.get("entry", [])]
    for r in resources:
        for (kind, field), codes in REQUIRED.items():
            if r["resourceType"] == kind and r.get(field) not in codes:
                raise ValueError(f"{kind}.{field} is {r.get(field)!r}, not one of {sorted(codes)}")
        for a in r.get("activity", []) if r["resourceType"] == "CarePlan" else []:
            status = a.get("detail", {}).get("status")
            if status not in ACTIVITY_STATUS:
                raise ValueError(f"CarePlan.activity.detail.status is {status!r}")


def main(paths):
    failed = False
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        try:
            bundle = Bundle.model_validate_json(text)
            raw = json.loads(text)
            urls = set()
            for entry in raw.get("entry", []):
                resource = entry["resource"]
                get_fhir_model_class(resource["resourceType"]).model_validate(resource)
                urls.add(entry["fullUrl"])
            # Every reference inside the bundle leads to a resource in it.
            def refs(value):
                if isinstance(value, dict):
                    for k, v in value.items():
                        if k == "reference":
                            yield v
                        else:
                            yield from refs(v)
                elif isinstance(value, list):
                    for v in value:
                        yield from refs(v)
            check_codes(raw)
            dangling = sorted(set(refs(raw)) - urls)
            if dangling:
                raise ValueError(f"references to nothing in the bundle: {dangling}")
        except Exception as e:  # noqa: BLE001 - every reason is reported
            print(f"{path}: not valid FHIR: {e}", file=sys.stderr)
            failed = True
            continue
        print(bundle.model_dump_json(exclude_none=True))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
