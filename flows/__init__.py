"""Prefect flows: wiring only, every decision lives in `chitieu/` and `extract/`.

`draft.draft_flow`, `intake.intake_flow`, `consolidate.consolidate_flow`,
`deadline.deadline_watch`; `deployments.build_deployments` (what `chitieu serve` serves)
and `cycle.run_cycle` (what `chitieu demo` runs). README: "Running the whole cycle".
"""
