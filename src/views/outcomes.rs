//! How things are going: goal ratings, DIALOG and ReQoL as tables and charts.

use super::*;

impl ViewBuilder<'_> {
    pub(super) fn outcomes(&self) -> Option<Section> {
        let mut s = self.open(&OUTCOMES)?;
        let w = self.w;
        if self.audience.sees(S::Goals) {
            // Goals kept back from this copy take their ratings, and the dates of them, along.
            let goals: Vec<_> = self
                .plan
                .goals
                .iter()
                .filter(|g| self.goal_kept_back_why(g).is_none())
                .collect();
            let mut dates: Vec<Date> = goals
                .iter()
                .flat_map(|g| g.ratings.iter().map(|r| r.date.value))
                .collect();
            dates.sort();
            dates.dedup();
            if !dates.is_empty() {
                let rows = goals
                    .iter()
                    .filter(|g| !g.ratings.is_empty())
                    .map(|g| {
                        let mut row = vec![plain(&rich(&g.goal).blocks)];
                        for d in &dates {
                            row.push(
                                g.ratings
                                    .iter()
                                    .find(|r| r.date.value == *d)
                                    .map_or("-".to_string(), |r| r.score.to_string()),
                            );
                        }
                        row
                    })
                    .collect();
                s.blocks.push(table(
                    w,
                    &self.lang,
                    w.goal_ratings,
                    w.goal_ratings_note,
                    w.goal,
                    &dates,
                    rows,
                ));
                for g in goals.iter().filter(|g| !g.ratings.is_empty()) {
                    let chart = super::progress::goal(
                        w,
                        self.variant,
                        &self.name,
                        &plain(&rich(&g.goal).blocks),
                        &ratings(g),
                    );
                    s.blocks.push(Block::Chart(chart));
                }
            }
        }
        if let Some(o) = &self.plan.outcomes {
            let mut dialog: Vec<_> = o
                .dialog
                .iter()
                .filter(|d| self.keep(*d, w.dialog, &self.w.date(&d.date), d.date.span.line))
                .collect();
            dialog.sort_by_key(|d| d.date.value);
            if !dialog.is_empty() {
                let dates: Vec<Date> = dialog.iter().map(|d| d.date.value).collect();
                let mut rows = Vec::new();
                for (i, area) in crate::plan::DialogArea::ALL.iter().enumerate() {
                    let cells: Vec<String> = dialog
                        .iter()
                        .map(|d| {
                            d.scores()
                                .into_iter()
                                .find(|(a, _)| a == area)
                                .map_or("-".to_string(), |(_, s)| s.to_string())
                        })
                        .collect();
                    if cells.iter().any(|c| c != "-") {
                        let mut row = vec![self.t(w.dialog_areas[i])];
                        row.extend(cells);
                        rows.push(row);
                    }
                }
                s.blocks.push(table(
                    w,
                    &self.lang,
                    w.dialog,
                    w.dialog_note,
                    w.area,
                    &dates,
                    rows,
                ));
                s.blocks.extend(self.dialog_chart(&dialog));
                if let Some(last) = dialog.last() {
                    let items: Vec<Entry> = last
                        .more_help
                        .iter()
                        .map(|a| {
                            let i = crate::plan::DialogArea::ALL
                                .iter()
                                .position(|x| *x == a.value)
                                .unwrap_or(0);
                            self.entry(&self.t(w.dialog_areas[i]), None, None, "help")
                        })
                        .collect();
                    s.push_list(Some(w.more_help.into()), items);
                }
            }
            let mut reqol: Vec<_> = o
                .reqol10
                .iter()
                .filter(|r| self.keep(*r, w.reqol, &self.w.date(&r.date), r.date.span.line))
                .collect();
            reqol.sort_by_key(|r| r.date.value);
            if !reqol.is_empty() {
                let dates: Vec<Date> = reqol.iter().map(|r| r.date.value).collect();
                let mut row = vec![w.score.to_string()];
                row.extend(reqol.iter().map(|r| r.total.to_string()));
                s.blocks.push(table(
                    w,
                    &self.lang,
                    w.reqol,
                    w.reqol_note,
                    w.date,
                    &dates,
                    vec![row],
                ));
                let totals: Vec<(Date, u32)> = reqol
                    .iter()
                    .map(|r| (r.date.value, r.total.value))
                    .collect();
                s.blocks.push(Block::Chart(super::progress::reqol(
                    w,
                    self.variant,
                    &self.name,
                    &totals,
                )));
            }
        }
        Some(s)
    }
}

/// A goal's ratings, oldest first, one a date (the last written that day).
pub(super) fn ratings(g: &crate::plan::Goal) -> Vec<(Date, u32)> {
    let mut r: Vec<(Date, u32)> = g
        .ratings
        .iter()
        .map(|r| (r.date.value, r.score.value))
        .collect();
    r.sort_by_key(|(d, _)| *d);
    r.reverse();
    r.dedup_by_key(|(d, _)| *d);
    r.reverse();
    r
}

impl ViewBuilder<'_> {
    /// The DIALOG chart: the latest ratings against the ones before, by area. In large print
    /// in parts of at most four areas, so a part fits the rest of a page at 18 pt and none is left
    /// nearly empty before it.
    pub(super) fn dialog_chart(&self, dialog: &[&crate::plan::Dialog]) -> Vec<Block> {
        let Some(last) = dialog.last() else {
            return Vec::new();
        };
        let before = dialog.len().checked_sub(2).and_then(|i| dialog.get(i));
        let score = |d: &crate::plan::Dialog, area| {
            d.scores()
                .into_iter()
                .find(|(a, _)| *a == area)
                .map(|(_, s)| s.value)
        };
        let areas: Vec<(String, Option<u32>, u32)> = crate::plan::DialogArea::ALL
            .iter()
            .enumerate()
            .filter_map(|(i, area)| {
                let now = score(last, *area)?;
                Some((
                    self.t(self.w.dialog_areas[i]),
                    before.and_then(|b| score(b, *area)),
                    now,
                ))
            })
            .collect();
        let most = if self.variant == Variant::Standard {
            areas.len().max(1)
        } else {
            4
        };
        let parts: Vec<&[(String, Option<u32>, u32)]> = areas.chunks(most).collect();
        let n = parts.len();
        parts
            .into_iter()
            .enumerate()
            .map(|(i, part)| {
                let mut c = super::progress::dialog(
                    self.w,
                    self.variant,
                    &self.name,
                    part,
                    last.date.value,
                    before.map(|b| b.date.value),
                );
                if n > 1 {
                    c.title = format!(
                        "{} ({} {} {} {n})",
                        c.title,
                        self.w.page_part,
                        i + 1,
                        self.w.of
                    );
                }
                Block::Chart(c)
            })
            .collect()
    }

    /// Easy read: each goal the copy shows, then and now, as dots out of 10; only where the
    /// scores are shared.
    pub(super) fn progress(&self) -> Option<Section> {
        let mut s = self.open(&PROGRESS)?;
        for g in self.plan.goals.iter() {
            if g.ratings.is_empty() || self.goal_kept_back_why(g).is_some() {
                continue;
            }
            let shown = g
                .easy_read
                .as_ref()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .unwrap_or(g.goal.trim());
            let text = plain(&rich(shown).blocks);
            s.blocks.push(Block::Chart(super::progress::dots(
                self.w,
                self.variant,
                &text,
                &ratings(g),
            )));
        }
        Some(s)
    }
}
