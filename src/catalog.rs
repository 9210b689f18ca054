//! Every rule ourplan knows, each written once: its id, its level, what it checks, why, and
//! how to fix what it finds. `rules` and `language` find problems; `explain`, SARIF and the
//! settings' rule levels read their descriptions here.

use crate::diagnostic::Severity;

/// What a rule checks, why, and how to fix a problem it finds.
#[derive(Debug)]
pub struct RuleInfo {
    pub id: &'static str,
    pub severity: Severity,
    /// True for problems with the file itself: a team cannot turn these down.
    pub shape: bool,
    /// True for the plain-language rules (`language`), which read the plan's words.
    pub language: bool,
    pub summary: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
}

macro_rules! rules {
    ($( $id:literal $sev:ident $shape:ident : $summary:literal ; why $why:literal ; fix $fix:literal ;)*) => {
        /// Every rule ourplan knows, in the order `explain` lists them.
        pub static RULES: &[RuleInfo] = &[$(RuleInfo {
            id: $id,
            severity: Severity::$sev,
            shape: rules!(@shape $shape),
            language: rules!(@words $shape),
            summary: $summary,
            why: $why,
            fix: $fix,
        }),*];
    };
    (@shape file) => { true };
    (@shape plan) => { false };
    (@shape words) => { false };
    (@words words) => { true };
    (@words $other:ident) => { false };
}

rules! {
    "yaml-syntax" Error file: "The file must be valid YAML.";
        why "ourplan cannot read a plan that is not valid YAML.";
        fix "Look at the line shown and the one before it. Indent with spaces, never tabs. Put text with a colon in quotes.";
    "empty-file" Error file: "A plan file must not be empty.";
        why "An empty file is not a plan.";
        fix "Start the file with `ourplan: 1`, then the sections in docs/plan-format.md.";
    "too-deep" Error file: "A plan must not be nested more than 32 levels deep.";
        why "Very deep nesting is a mistake or an attack, and reading it could crash the tool.";
        fix "Check the indenting. A plan needs only a few levels.";
    "alias-limit" Error file: "YAML aliases must not expand to more than 20,000 values.";
        why "A small file with aliases of aliases can grow to billions of values (an alias bomb).";
        fix "Write the text out instead of repeating it with `*` aliases.";
    "too-large" Error file: "A plan file must be at most 2 MB.";
        why "A plan is a few kilobytes. A huge file is the wrong file, and reading it would be slow.";
        fix "Check that this is the right file.";
    "not-utf8" Error file: "A plan must be saved as UTF-8 text.";
        why "Other encodings turn letters into nonsense.";
        fix "Save the file as UTF-8 in your editor.";
    "not-a-file" Error file: "A path ending in .yaml must be a plan file.";
        why "Folders and special files named like plans are usually a mistake.";
        fix "Rename the folder, or move the file.";
    "duplicate-plan-id" Error file: "Each plan file has a name of its own.";
        why "The file name is the plan's id: two plans with one id would write over each other's copies.";
        fix "Rename one of the files.";
    "unreadable-file" Error file: "A plan file must be readable.";
        why "ourplan cannot check a file it cannot open.";
        fix "Check the file exists, is not a broken link, and that you may read it.";
    "not-checked" Warning file: "Every part of a plan should be read, so every part can be checked.";
        why "When a part of a plan cannot be read, ourplan still checks every other part, but it cannot check that part, nor the rules that need it.";
        fix "Fix the mistakes shown for those parts, then check again.";
    "unknown-version" Error file: "The plan must say `ourplan: 1`.";
        why "Later versions of the format may mean different things by the same words.";
        fix "Write `ourplan: 1` at the top, or update ourplan.";
    "unknown-field" Error file: "Every field name must be one that ourplan knows.";
        why "A misspelt field would be left out of the copies without anyone noticing.";
        fix "Use the suggested name. docs/plan-format.md lists every field.";
    "missing-field" Error file: "Required sections and fields must be there and not empty.";
        why "A plan needs a key worker, goals, actions, a crisis plan, an advance statement and a review date (policy 3.3, 3.4; seed 002).";
        fix "Add the field named in the message.";
    "wrong-type" Error file: "Each field must hold the right kind of value.";
        why "A list where text is expected (or the other way round) cannot be shown properly.";
        fix "Write the kind of value the message asks for.";
    "invalid-value" Error file: "Fields with a fixed set of words must use one of them.";
        why "Words like `large-print` choose what ourplan makes.";
        fix "Use the suggested word.";
    "invalid-date" Error file: "Dates must be real dates written YYYY-MM-DD.";
        why "Review dates are checked and shown; a wrong date could mean a missed review.";
        fix "Write the date as year-month-day, for example 2026-03-14.";
    "duplicate-key" Error file: "A field must not be written twice in the same place.";
        why "Only one of the two would be used, and nobody could tell which.";
        fix "Keep one of the two and delete the other.";
    "unknown-section" Error file: "A sharing entry must name sections that exist.";
        why "A misspelt section would not be shared, against the person's choice (seed 002: the person controls who sees the plan).";
        fix "Use a section name from docs/plan-format.md, such as `crisis` or `goals`.";
    "template" Error file: "A team's own template must be valid.";
        why "ourplan cannot make copies with a broken template.";
        fix "Fix the line named in the message, or delete the file to use the built-in template.";
    "unknown-picture" Error plan: "A picture must be one ourplan has.";
        why "An unknown picture cannot be shown, and the easy-read copy needs a picture for each idea.";
        fix "Use a name from `ourplan pictures`, or add the picture to the team's styles/pictures with its alt text.";
    "needs-easy-read" Warning plan: "Text in an easy-read copy should be easy to read, or have an `easy_read` version.";
        why "Easy read means one idea a sentence, 15 words or fewer, and everyday words (Department of Health and Mencap guidance; policy 2.12).";
        fix "Add `easy_read:` with a short, plain version. The easy-read copy shows the ordinary text until then.";
    "no-easy-read-wording" Warning plan: "A plan that asks for easy read should have easy-read wording.";
        why "Without `easy_read:` versions the easy-read copy is the full text with pictures beside it, which is not easy read (Department of Health and Mencap guidance; Accessible Information Standard).";
        fix "Write `easy_read:` for the goals, actions and list items with the person: one idea, 15 words or fewer, everyday words. Or take `easy-read` out of `formats` if the person does not need it.";
    "language-not-checked" Warning plan: "The plain-language rules run only for plans in English.";
        why "The rules know English words and sentences; on another language they would find nothing and seem to say the plan is easy to read.";
        fix "Ask someone who speaks the plan's language to read it for hard words and long sentences.";
    "missing-words" Warning plan: "ourplan's own words should be in the copy's language.";
        why "A heading in English in a Welsh copy is read with the wrong voice, and breaks the Welsh Language Standards for NHS Wales bodies.";
        fix "Add the words to words/<language>.toml in the project, translated from ourplan's src/words/en.toml.";
    "settings" Error file: "ourplan.toml must be valid and use known keys.";
        why "A mistyped setting would be silently ignored.";
        fix "Check the key names against the settings section of the README.";
    "no-goals" Error plan: "A plan must have at least one goal.";
        why "Goals in the person's own words are the heart of the plan (policy 2.7, 3.3.2).";
        fix "Add a goal under `goals:` with an `id` and the `goal` in the person's words.";
    "goal-target-passed" Warning plan: "A goal's target date should not have passed.";
        why "A target date in the past means the goal is done, changed or stuck: and the plan should say which.";
        fix "Talk with the person about the goal, then set a new `target_date:`, or take the date out.";
    "goal-without-action" Warning plan: "Every goal should have an action that helps with it.";
        why "A goal nobody works towards is a wish, not a plan: the plan states the actions that help the person reach their goals, and who does them (seed 002).";
        fix "Add an action with `goal:` and the goal's id, under `me`, `family_and_friends` or `services`.";
    "duplicate-goal-id" Error plan: "Goal ids must be unique.";
        why "Actions point at goals by id; two goals with one id would be confused.";
        fix "Give each goal its own id.";
    "bad-goal-id" Error plan: "A goal id must be lower case letters, digits and hyphens.";
        why "Ids are used in links and file names.";
        fix "Write the id like `back-to-work`.";
    "unknown-goal" Error plan: "An action's `goal` must name a goal in the plan.";
        why "Otherwise the action would be linked to nothing.";
        fix "Use one of the goal ids, or add the goal.";
    "missing-actions" Error plan: "There must be actions for me and for services, and for family and friends or a reason why not.";
        why "The plan states actions for the person, their carers and services (seed 002; policy App. 4 §3).";
        fix "Add at least one action, or for family and friends write `why_none:` with the reason.";
    "action-without-who" Error plan: "Every action, except the person's own, must say who will do it.";
        why "An action nobody owns does not get done.";
        fix "Add `who:` to the action.";
    "key-worker-details" Error plan: "The key worker must have a role and a phone number or email.";
        why "Everyone has a named key worker they can contact (seed 002; policy 2.4, 3.1.8).";
        fix "Add `role:` and `phone:` or `email:` under `key_worker`.";
    "key-worker-no-phone" Warning plan: "The key worker should have a phone number.";
        why "The key worker's contact is part of the crisis plan (policy 3.3.13); email is too slow in a crisis.";
        fix "Add `phone:` under `key_worker`.";
    "missing-24-hour-contact" Error plan: "The crisis plan must have a service that answers 24 hours a day.";
        why "A crisis plan gives 24-hour access to help (policy 3.3.11, 3.3.13).";
        fix "Add a contact with `when: 24 hours`, such as the local crisis line or NHS 111 (option 2).";
    "review-too-late" Error plan: "The next review must be no more than 12 months after the last review or agreement.";
        why "Plans are reviewed at least once a year (policy 2.9, 3.4.1).";
        fix "Set `review.next` to a date within 12 months.";
    "review-overdue" Warning plan: "The next review date has passed.";
        why "An out-of-date plan may give wrong advice in a crisis (policy 3.4.2).";
        fix "Hold the review, then update `review.last` and `review.next`.";
    "date-order" Error plan: "Dates must be in order.";
        why "A review before the last one, or a copy given before the plan was agreed, is a mistake.";
        fix "Check the two dates named in the message.";
    "date-in-future" Warning plan: "Things that have happened must not be dated in the future.";
        why "A future date on a past event is usually a typing mistake.";
        fix "Check the year, month and day.";
    "invalid-phone" Error plan: "Phone numbers must look like UK numbers or start with +.";
        why "A wrong number in a crisis plan is dangerous.";
        fix "Write a UK number such as 0300 123 4567, 111 or 116 123, or an international one starting with +.";
    "invalid-email" Error plan: "Email addresses must look like name@example.org.";
        why "A wrong address means messages do not arrive.";
        fix "Check the address.";
    "missing-persons-views" Error plan: "The plan must record the person's views, or why they did not take part.";
        why "The person's views are shown in the plan; if they could not or chose not to take part, a statement says so (policy 3.3.2, 3.3.5).";
        fix "Add `agreement.my_views`, or `agreement.not_involved.reason`.";
    "decision-without-comment" Warning plan: "A decision against the person's wishes should record their comment.";
        why "The reason and the person's comment are both recorded (policy 3.3.7).";
        fix "Add `my_comment:` in the person's words, or say they chose not to comment.";
    "advance-statement-date" Error plan: "An advance statement needs the date it was made or offered, or when it will be offered.";
        why "Every person is offered an advance statement (policy 2.5, 2.10, 3.3.6).";
        fix "Add `date:` (made or offered and declined) or `offer_by:` (not yet offered).";
    "advance-statement-not-offered" Warning plan: "An advance statement has not been offered yet.";
        why "Every person is offered the chance to make an advance statement (policy 3.3.6).";
        fix "Offer it, then set `status: made` or `status: offered_declined`.";
    "advance-statement-overdue" Warning plan: "An advance statement should be offered by its `offer_by` date.";
        why "The plan promised to offer an advance statement by a date, and that date has passed; every person is offered one (policy 2.5, 3.3.6).";
        fix "Offer it now, then set `status: made` or `status: offered_declined` with the `date:`; or agree a new `offer_by:` with the person.";
    "advance-statement-wishes" Warning plan: "A made advance statement should have its wishes in the plan, or say where it is kept.";
        why "Wishes in an advance statement are built into the plan (policy 2.10).";
        fix "Add the wishes (treatment, please do, please don't...) and `kept_at:`.";
    "carer-copy-not-offered" Error plan: "A carer not offered a copy needs the exceptional reason recorded.";
        why "Carers are offered a copy of the care and crisis plan unless there are exceptional circumstances (policy 3.3.11, 2.11).";
        fix "Offer a copy, or add `why_not_offered:`.";
    "rating-out-of-range" Error plan: "Outcome ratings must be in range.";
        why "Goal ratings are 0 to 10, DIALOG 1 to 7 and ReQoL-10 totals 0 to 40.";
        fix "Check the score.";
    "outcome-dates" Warning plan: "Outcome ratings should be listed oldest first, one row a date.";
        why "Ratings are compared over time: a row out of order is usually a mistyped date, and two rows on one day make it unclear which score counts.";
        fix "Check the dates named in the message. List the rows oldest first, and keep one row for each day.";
    "needs-not-considered" Warning plan: "The plan should consider physical and social needs, not only mental health.";
        why "Physical, mental and social needs (housing, money, work, relationships) are all considered (seed 002; policy 3.3.8).";
        fix "Add items under `needs:`.";
    "do-not-contact-shared" Error plan: "Someone who must not be contacted must not get a copy, or be named in the name of one.";
        why "The person decides who sees the plan (seed 002). A copy for a person who must not be contacted could put the person in danger. A name is matched however it is written: with a title (Mr D'Souza), an initial (C. D'Souza), surname first, with or without apostrophes, hyphens, spaces and accents. No copy is made for them, and one made before is removed.";
        fix "Remove them from `sharing`, or from `about_me.do_not_contact` if that is out of date.";
    "do-not-contact-maybe" Warning plan: "A sharing entry's or a contact's name looks like the name of someone who must not be contacted.";
        why "The same surname (Jo Marsh and Kelly Marsh), or her first name as their surname (Jo Kelly), may be the same person or their family. Someone should check before a copy goes to them.";
        fix "If they are the same person, remove the entry. If they are someone else, say who with `different_person:` in the entry (for example `different_person: her aunt, not Kelly's family`).";
    "do-not-contact-one-name" Warning plan: "Each `do_not_contact` entry holds one name; notes go in `reason`.";
        why "ourplan looks for every name it can find in an entry (\"Kelly Marsh / Kelly Smith\", \"Kelly Marsh née Smith\"), but a note written into the name (\"Kelly Marsh - ex\") could be taken for a name, or a name for a note.";
        fix "Write each name the person goes by as its own entry, and why in `reason:`.";
    "do-not-contact-named" Warning plan: "Someone who must not be contacted is named elsewhere as a contact.";
        why "A worker in a hurry might call them.";
        fix "Remove them from the other list, or check `do_not_contact`.";
    "unknown-recipient" Error plan: "`not_for` and `only_for` name people in `sharing`.";
        why "A name that is not in `sharing` (a typing mistake, say) would not keep the item from the person it was meant for.";
        fix "Write the name as it is in `sharing`.";
    "key-worker-in-every-copy" Error plan: "The key worker is in every copy: they cannot be private, not_for or only_for.";
        why "Everyone who gets a copy needs to know who to call (policy 3.1.8).";
        fix "Remove `private`, `not_for` and `only_for` from `key_worker`.";
    "duplicate-recipient" Error plan: "Each person is listed once in `sharing`.";
        why "Two entries for one person would make two different copies for them, and it is not clear which the person agreed to.";
        fix "Keep one entry for them, with every section and format they should get.";
    "share-nothing" Warning plan: "A sharing entry should share at least one section.";
        why "A copy with nothing in it is not useful.";
        fix "List the sections the person agreed to share, or remove the entry.";
    "crisis-card-too-long" Error plan: "A crisis card must fit on one sheet of paper.";
        why "The card is kept in a pocket or bag and read at the worst moment, in the order of a safety plan. ourplan never cuts or shrinks it: a card that does not fit is not made.";
        fix "Shorten the parts named in the message, longest first, or give their long entries a short form for the card: `card:` beside `text:`. Keep each point to a few words: the full crisis plan is still in the plan.";
    "no-font" Error plan: "Every character in a plan that makes a PDF must be one the PDFs' fonts can show.";
        why "A character no font has prints as an empty box in a PDF: the reader loses the word and cannot tell what is missing. The web page shows it, so the copies would differ.";
        fix "Write the word another way or leave the character out. For Chinese, Japanese or Korean, add a font that has them (such as Noto Sans CJK) to the project's styles/fonts: see styles/NOTICE.md.";
    "ctp-areas" Warning plan: "A Care and Treatment Plan (Wales) should have a goal or action for each of the eight areas of life, or say why not.";
        why "The Mental Health (Wales) Measure 2010 asks a Care and Treatment Plan to consider eight areas: finance and money; accommodation; personal care and physical wellbeing; education and training; work and occupation; parenting or caring relationships; social, cultural or spiritual; medical and other treatment, including psychological interventions. It only applies with `profile = \"wales-ctp\"`.";
        fix "Talk with the person about each area named. Add `area:` to a goal or action about it (finance, accommodation, personal_care, education, work, parenting_caring, social, treatment), or say in the plan why it is not needed.";
    "invalid-language" Warning plan: "`person.language` must be a language tag like en-GB or cy.";
        why "Screen readers choose their voice from it.";
        fix "Write a tag such as en-GB, cy (Welsh) or pl (Polish).";
    // The plain-language rules (`language`): all warnings.
    "jargon" Warning words: "Professional words and jargon should be swapped for plain words, or explained.";
        why "A plan must be \"clear and accessible without the use of jargon, professional terms or abbreviations\" (policy 3.3.1). The person and their carers need to understand their own plan.";
        fix "Use the plain words in the hint, or explain the word in brackets straight after it. In the person's own words, keep the word and explain it elsewhere in the plan. A team can add words or allow them in ourplan.toml.";
    "unknown-abbreviation" Warning words: "Short forms in capital letters should be written out.";
        why "A plan must be clear \"without the use of jargon, professional terms or abbreviations\" (policy 3.3.1). A short form saves the writer time but costs every reader.";
        fix "Write the words out, or explain the short form in brackets straight after it. Everyday ones such as NHS, GP, A&E and OK are fine. A team can allow others in ourplan.toml.";
    "long-sentence" Warning words: "Sentences should have at most 20 words, or 15 in easy-read text.";
        why "Long sentences are hard to follow, most of all for someone who is unwell or upset. Easy read guidance asks for one idea a sentence and 10 to 15 words (policy 3.3.1; Department of Health, 2010).";
        fix "Split the sentence in two, with one idea in each.";
    "reading-level" Warning words: "Text should be easy to read: school grade 8 or below, or 6 or below in easy-read text.";
        why "NHS and Patient Information Forum guidance aims at a reading age of 9 to 11, and easy read lower (policy 3.3.1). The grade is the Flesch-Kincaid grade of the whole field; fields under 12 words are not scored.";
        fix "Use shorter sentences and shorter, everyday words. The hint names the longest words.";
    "passive-voice" Warning words: "Say who does what: \"the nurse will ring you\", not \"you will be rung by the nurse\".";
        why "Plain English and easy read guidance ask for active sentences: they are shorter and say who acts (policy 3.3.1).";
        fix "Put the one who acts first: \"the doctor will see you\", not \"you will be seen by the doctor\".";
    "double-negative" Warning words: "Do not put two negatives together, such as \"not unlikely\".";
        why "Two negatives make the reader work out what is meant, and are easy to misread (policy 3.3.1).";
        fix "Say it the positive way: \"likely\", not \"not unlikely\"; \"I don't want anything\", not \"I don't want nothing\".";
}

/// Why a team cannot change a rule's level in `[rules]`, or `None` when it can.
pub fn fixed_level(rule: &RuleInfo) -> Option<&'static str> {
    if rule.shape {
        Some("it is about the file itself, and a plan that cannot be read is never built")
    } else if rule.id == "do-not-contact-shared" {
        Some("a copy for someone who must not be contacted is never made, whatever the level")
    } else {
        None
    }
}

pub fn all() -> impl Iterator<Item = &'static RuleInfo> {
    RULES.iter()
}

/// The plain-language rules, in the order `explain` lists them.
pub fn language_rules() -> impl Iterator<Item = &'static RuleInfo> {
    RULES.iter().filter(|r| r.language)
}

/// Looks up a rule by id.
pub fn info(id: &str) -> Option<&'static RuleInfo> {
    all().find(|r| r.id == id)
}
