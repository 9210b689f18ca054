//! The sections of a copy, one method each, in the order a person reads them.

use super::*;

impl ViewBuilder<'_> {
    /// The short box at the top: 24-hour numbers and the key worker.
    pub(super) fn crisis_now(&self, settings: &Settings) -> Option<Section> {
        let mut s = self.opened(&CRISIS_NOW);
        let mut seen: Vec<String> = Vec::new();
        let mut items = Vec::new();
        if self.audience.sees(S::Crisis) {
            for k in &self.plan.crisis.contacts {
                // Left out by the person's choice: said once, under the crisis plan.
                if is_24_hours(&k.when) && self.audience.may_see(k.choice()).is_ok() {
                    seen.push(tel_uri(&k.phone));
                    items.push(number(&k.name, &k.phone, &k.when, nonblank(&k.note)));
                }
            }
        }
        let national = settings.crisis_numbers_for(settings.nation_of(self.plan), &self.lang);
        // Lines that answer only some hours are listed under the crisis plan instead.
        for n in national.iter().filter(|n| is_24_hours(&n.when)) {
            let tel = tel_uri(&n.phone);
            if !seen.contains(&tel) {
                seen.push(tel);
                items.push(number(&n.name, &n.phone, &n.when, n.note.as_deref()));
            }
        }
        s.push_contacts(Some(self.w.crisis_now_numbers.to_string()), items);
        s.blocks.push(Block::Contacts {
            heading: Some(self.w.key_worker_heading.to_string()),
            items: vec![self.key_worker_contact()],
        });
        Some(s)
    }

    pub(super) fn about_me(&self) -> Option<Section> {
        let w = self.w;
        // How to talk with me is personal too: it goes only where "about me" is shared.
        let mut s = self.open(&ABOUT_ME)?;
        let p = &self.plan.person;
        if let Some(c) = nonblank(&p.communication) {
            s.push_fact(w.communication, c);
        }
        if let Some(pr) = nonblank(&p.pronouns) {
            s.push_fact(w.pronouns, pr);
        }
        let Some(a) = &self.plan.about_me else {
            return Some(s);
        };
        self.show(&mut s, a.shown());
        // Only the person's own copy names who must not be contacted.
        if matches!(self.audience, Audience::Person) {
            let items: Vec<ContactView> = a
                .do_not_contact
                .iter()
                .filter(|p| !p.name.trim().is_empty())
                .map(|p| contact(&p.name, None, None, None, None, nonblank(&p.reason)))
                .collect();
            s.push_contacts(Some(w.do_not_contact.to_string()), items);
        }
        Some(s)
    }

    pub(super) fn goals(&self) -> Option<Section> {
        let mut s = self.open(&GOALS)?;
        let w = self.w;
        let items: Vec<Entry> = self
            .plan
            .goals
            .iter()
            .filter(|g| !g.goal.trim().is_empty())
            .filter(|g| match self.goal_kept_back_why(g) {
                Some(why) => {
                    self.leave_out(w.goals, &g.goal, Some(g.goal.span.line), why);
                    false
                }
                None => true,
            })
            .map(|g| {
                let mut e = self.entry(
                    &g.goal,
                    g.easy_read.as_ref().map(|t| t.value.as_str()),
                    g.picture.as_ref().map(|t| t.value.as_str()),
                    "goal",
                );
                e.line = Some(g.goal.span.line);
                e.meta = self.meta_lines(&g.labelled(), w.goals);
                if self.audience.sees(S::Outcomes)
                    && let Some(r) = g.ratings.iter().max_by_key(|r| r.date.value)
                {
                    e.meta.push(meta(w.latest_rating, &r.score.to_string()));
                }
                e
            })
            .collect();
        s.push_list(None, items);
        Some(s)
    }

    pub(super) fn actions_block(
        &self,
        heading: &str,
        list: &[crate::plan::Action],
        pic: &str,
    ) -> Option<Block> {
        let w = self.w;
        let items: Vec<Entry> = list
            .iter()
            .filter(|a| !a.what.trim().is_empty())
            .filter(|a| self.keep(*a, heading, &a.what, a.what.span.line))
            .filter(|a| {
                // An action for goals kept back from this copy goes with them.
                let goals: Vec<&Text> = a.goal.iter().flat_map(|g| g.0.iter()).collect();
                let kept_back = !goals.is_empty() && goals.iter().all(|g| self.goal_kept_back(g));
                if kept_back {
                    self.leave_out(
                        heading,
                        &a.what,
                        Some(a.what.span.line),
                        Why::ServesHiddenGoal,
                    );
                }
                !kept_back
            })
            .map(|a| {
                let mut e = self.entry(
                    &a.what,
                    a.easy_read.as_ref().map(|t| t.value.as_str()),
                    a.picture.as_ref().map(|t| t.value.as_str()),
                    pic,
                );
                e.line = Some(a.what.span.line);
                e.meta = self.meta_lines(&a.labelled(), heading);
                // Goal titles only go where goals are shared.
                if self.audience.sees(S::Goals) && !self.easy() {
                    let goals: Vec<String> = a
                        .goal
                        .iter()
                        .flat_map(|g| g.0.iter())
                        .filter_map(|id| self.plan.goals.iter().find(|g| g.id.trim() == id.trim()))
                        .filter(|g| self.goal_kept_back_why(g).is_none())
                        .map(|g| plain(&rich(&g.goal).blocks))
                        .filter(|t| !t.is_empty())
                        .collect();
                    if !goals.is_empty() {
                        e.meta.push(meta(w.helps_with, &goals.join("; ")));
                    }
                }
                e
            })
            .collect();
        (!items.is_empty()).then(|| Block::List {
            heading: Some(heading.to_string()),
            items,
        })
    }

    pub(super) fn actions(&self) -> Option<Section> {
        let w = self.w;
        let a = &self.plan.actions;
        let mut s = self.open(&ACTIONS)?;
        s.blocks
            .extend(self.actions_block(w.actions_me, &a.me, "person"));
        match &a.family_and_friends {
            Party::Actions(list) => {
                s.blocks
                    .extend(self.actions_block(w.actions_family, list, "family"));
            }
            Party::None(why) => {
                if !why.why_none.trim().is_empty() {
                    s.push_fact(
                        w.actions_family,
                        &format!("{} {}", self.t(w.no_family_actions), why.why_none.trim()),
                    );
                }
            }
        }
        s.blocks
            .extend(self.actions_block(w.actions_services, &a.services, "doctor"));
        s.blocks
            .extend(self.actions_block(w.actions_other, &a.other_organisations, "help"));
        Some(s)
    }

    pub(super) fn needs(&self) -> Option<Section> {
        let n = self.plan.needs.as_ref()?;
        let mut s = self.open(&NEEDS)?;
        self.show(&mut s, n.shown());
        Some(s)
    }

    pub(super) fn crisis(&self, settings: &Settings) -> Option<Section> {
        let w = self.w;
        let c = &self.plan.crisis;
        let mut s = self.open(&CRISIS)?;
        self.show(&mut s, c.shown());
        let contacts: Vec<ContactView> = c
            .contacts
            .iter()
            .filter(|k| self.keep(*k, w.services_to_call, &k.name, k.name.span.line))
            .map(|k| ContactView {
                line: Some(k.name.span.line),
                ..number(&k.name, &k.phone, &k.when, nonblank(&k.note))
            })
            .collect();
        s.push_contacts(Some(w.services_to_call.to_string()), contacts);
        // The nation's lines that answer only some hours (the others are in the crisis box).
        let national = settings.crisis_numbers_for(settings.nation_of(self.plan), &self.lang);
        let some_hours = national
            .iter()
            .filter(|n| !is_24_hours(&n.when))
            .map(|n| number(&n.name, &n.phone, &n.when, n.note.as_deref()))
            .collect();
        s.push_contacts(Some(w.national_numbers.to_string()), some_hours);
        Some(s)
    }

    pub(super) fn advance(&self) -> Option<Section> {
        let w = self.w;
        let a = &self.plan.advance_statement;
        let mut s = self.open(&WISHES)?;
        let status = match a.status.value {
            AdvanceStatus::Made => w.advance_made,
            AdvanceStatus::OfferedDeclined => w.advance_declined,
            AdvanceStatus::NotYetOffered => w.advance_not_yet,
        };
        let mut facts = vec![];
        if let Some(k) = nonblank(&a.kept_at) {
            facts.push(fact(w.kept_at, k));
        }
        s.blocks.push(Block::Paragraph {
            text: rich(&self.t(status)),
        });
        if !facts.is_empty() {
            s.blocks.push(Block::Facts {
                heading: None,
                items: facts,
            });
        }
        self.show(&mut s, a.shown());
        Some(s)
    }

    pub(super) fn people(&self) -> Section {
        let w = self.w;
        let mut s = self.opened(&PEOPLE);
        s.blocks.push(Block::Contacts {
            heading: Some(w.key_worker.to_string()),
            items: vec![self.key_worker_contact()],
        });
        if self.audience.sees(S::CareTeam) && !self.easy() {
            let team: Vec<ContactView> = self
                .plan
                .care_team
                .iter()
                .filter(|k| self.keep(*k, w.care_team, &k.name, k.name.span.line))
                .map(worker_contact)
                .collect();
            s.push_contacts(Some(w.care_team.to_string()), team);
        }
        if self.audience.sees(S::Carers) {
            match &self.plan.carers {
                Some(Carers::List(list)) => {
                    let items: Vec<ContactView> = list
                        .iter()
                        .filter(|c| {
                            self.keep(*c, w.carers, &c.name, c.name.span.line)
                                && !self.hides(w.carers, &c.name)
                        })
                        .map(|c| {
                            let mut note = vec![if c.involved_in_planning.value {
                                w.involved_yes
                            } else {
                                w.involved_no
                            }];
                            note.push(if c.copy_offered.value {
                                w.copy_offered
                            } else {
                                w.copy_not_offered
                            });
                            ContactView {
                                line: Some(c.name.span.line),
                                ..contact(
                                    &c.name,
                                    nonblank(&c.relationship),
                                    nonblank(&c.phone),
                                    nonblank(&c.email),
                                    None,
                                    Some(&note.join(" ")),
                                )
                            }
                        })
                        .collect();
                    s.push_contacts(Some(w.carers.to_string()), items);
                }
                Some(Carers::None(why)) if !why.why_none.trim().is_empty() => {
                    s.push_fact(
                        w.carers,
                        &format!("{} {}", self.t(w.no_carers), why.why_none.trim()),
                    );
                }
                _ => {}
            }
        }
        s
    }

    pub(super) fn agreement(&self) -> Option<Section> {
        let w = self.w;
        let a = self.plan.agreement.as_ref()?;
        let mut s = self.open(&AGREEMENT)?;
        let authors: Vec<Entry> = a
            .written_with
            .iter()
            .filter(|p| !p.name.trim().is_empty() && !self.hides(w.written_with, &p.name))
            .map(|p| {
                let text = match nonblank(&p.role) {
                    Some(role) => format!("{} ({role})", p.name.trim()),
                    None => p.name.trim().to_string(),
                };
                self.entry(&text, None, None, "person")
            })
            .collect();
        if !authors.is_empty() && !self.easy() {
            s.blocks.push(Block::List {
                heading: Some(w.written_with.into()),
                items: authors,
            });
        }
        let facts = self.facts_of(&a.labelled());
        if !facts.is_empty() {
            s.blocks.push(Block::Facts {
                heading: None,
                items: facts,
            });
        }
        let decisions: Vec<Entry> = a
            .decisions_against_my_wishes
            .iter()
            .filter(|d| !d.decision.trim().is_empty())
            .filter(|d| self.keep(*d, w.decisions, &d.decision, d.decision.span.line))
            .map(|d| {
                let mut e = self.entry(&d.decision, None, None, "warning");
                e.line = Some(d.decision.span.line);
                e.meta = self.meta_lines(&d.labelled(), w.decisions);
                e
            })
            .collect();
        if !decisions.is_empty() {
            s.blocks.push(Block::Paragraph {
                text: rich(&self.t(w.decisions_intro)),
            });
            s.blocks.push(Block::List {
                heading: Some(w.decisions.into()),
                items: decisions,
            });
        }
        Some(s)
    }

    pub(super) fn review(&self) -> Option<Section> {
        let w = self.w;
        let r = &self.plan.review;
        let mut s = self.open(&REVIEW)?;
        s.blocks.push(Block::Facts {
            heading: None,
            items: self.facts_of(&r.labelled()),
        });
        if !self.easy() {
            let mut history: Vec<_> = r
                .history
                .iter()
                .filter(|h| self.keep(*h, w.past_reviews, &self.w.date(&h.date), h.date.span.line))
                .collect();
            history.sort_by_key(|h| std::cmp::Reverse(h.date.value));
            let items: Vec<Entry> = history
                .into_iter()
                .map(|h| {
                    let text = match nonblank(&h.summary) {
                        Some(sum) => format!("**{}**: {sum}", self.day(&h.date)),
                        None => format!("**{}**", self.day(&h.date)),
                    };
                    self.entry(&text, None, None, "calendar")
                })
                .collect();
            s.push_list(Some(w.past_reviews.into()), items);
        }
        Some(s)
    }
}
