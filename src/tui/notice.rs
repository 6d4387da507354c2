//! What the status line says, as a typed value: set by `update`, worded only when drawn,
//! and drawn by its kind, so a success can never come out looking like an error.

use std::path::PathBuf;

use jiff::Timestamp;

use crate::domain::Lang;
use crate::domain::finding::FinalizeError;
use crate::domain::inspection::{EditError, Status};
use crate::domain::merge::ResolveError;
use crate::domain::seal::SealError;
use crate::i18n::{self, ui};

/// How a notice is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something went wrong or was refused.
    Error,
    /// Worth reading before going on: nothing went wrong, but something did not happen.
    Warning,
    /// Done as asked.
    Success,
    /// The resting line: when the inspection was last saved.
    Quiet,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Every change is on disk; saved at this time.
    Saved(Timestamp),
    /// Saves are queued on the save worker and not written yet.
    Saving,
    /// Changes wait to be written (the next batch of keys, or a retry after a failure).
    Unsaved,
    /// The last save did not reach the disk (why, worded where the error was known).
    SaveFailed(super::error::ConsoleError),
    /// A crash snapshot was put back.
    Restored {
        unit: String,
    },
    /// The inspection was moved to `archive/`.
    Archived(PathBuf),
    Exported(PathBuf),
    /// Something the driver could not do (worded where the error was known).
    Failed(super::error::ConsoleError),
    /// The console cannot write (why: the lock holder, a newer schema...).
    ReadOnly(String),
    /// A final or sealed inspection is not edited.
    NotEditable(Status),
    /// The domain refused an edit.
    EditRefused(EditError),
    /// A lifecycle step (conclude, finalise, seal, reopen, edit facts) was refused.
    StepRefused(StepError),
    /// That step does not apply to an inspection in this status.
    StepNotNow(Status),
    /// The override's reason dialog was left: the change was not recorded.
    Cancelled,
    /// A value typed makes the verdict an override: the reason is asked on leaving.
    ReasonWhenLeaving,
    /// The criterion was left while a field held text that is not a valid value: it was
    /// never stored (the field's label, the text).
    ValueNotKept {
        label: crate::domain::text::Localized,
        text: String,
    },
    /// The first Ctrl-C while a reason is typed.
    QuitDropsReason,
    NoSuchCriterion(String),
    NothingToUndo,
    /// The last change to this criterion (code) was taken back.
    Undone(String),
    /// "Next unassessed" found none.
    AllAssessed,
    /// Compare needs two marked inspections.
    MarkTwo,
    /// A conflict was resolved; this many are left.
    Resolved {
        left: usize,
    },
    /// A conflict could not be resolved.
    ResolveFailed(ResolveError),
}

/// Why a step that closes an inspection was refused, as the domain said it.
#[derive(Debug, Clone, PartialEq)]
pub enum StepError {
    Finalize(FinalizeError),
    Seal(SealError),
    Edit(EditError),
    /// Conflicts from a merge are left (how many): resolve them before sealing.
    Conflicts(usize),
}

impl StepError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            StepError::Finalize(e) => i18n::lifecycle::finalize_error(lang, e),
            StepError::Seal(e) => i18n::lifecycle::seal_error(lang, e),
            StepError::Edit(e) => i18n::edit_error(lang, e),
            StepError::Conflicts(n) => i18n::sync::conflicts_block(lang, *n),
        }
    }
}

impl Notice {
    pub fn kind(&self) -> Kind {
        use Notice as N;
        match self {
            N::Saved(_) => Kind::Quiet,
            N::SaveFailed(_)
            | N::Failed(_)
            | N::EditRefused(_)
            | N::StepRefused(_)
            | N::ResolveFailed(_) => Kind::Error,
            N::Restored { .. }
            | N::Archived(_)
            | N::Exported(_)
            | N::Undone(_)
            | N::Resolved { .. } => Kind::Success,
            N::Saving => Kind::Quiet,
            N::Unsaved
            | N::ReadOnly(_)
            | N::NotEditable(_)
            | N::StepNotNow(_)
            | N::Cancelled
            | N::ReasonWhenLeaving
            | N::ValueNotKept { .. }
            | N::QuitDropsReason
            | N::NoSuchCriterion(_)
            | N::NothingToUndo
            | N::AllAssessed
            | N::MarkTwo => Kind::Warning,
        }
    }

    pub fn is_error(&self) -> bool {
        self.kind() == Kind::Error
    }

    /// The words, in the console's language.
    pub fn text(&self, lang: Lang) -> String {
        use Notice as N;
        match self {
            N::Saved(at) => ui::saved_at(lang, *at),
            N::Saving => i18n::scale::saving(lang).into(),
            N::Unsaved => ui::unsaved(lang).into(),
            N::SaveFailed(why) | N::Failed(why) => why.text(lang),
            N::StepRefused(e) => e.text(lang),
            N::Restored { unit } => ui::recovery_applied(lang, unit),
            N::Archived(path) => ui::archived(lang, path),
            N::Exported(path) => ui::exported(lang, path),
            N::ReadOnly(why) => ui::read_only(lang, why),
            N::NotEditable(status) => i18n::edit_error(lang, &EditError::NotEditable(*status)),
            N::EditRefused(e) => i18n::edit_error(lang, e),
            N::StepNotNow(status) => ui::step_not_now(lang, *status).into(),
            N::Cancelled => ui::override_cancelled(lang).into(),
            N::ReasonWhenLeaving => ui::reason_when_leaving(lang).into(),
            N::ValueNotKept { label, text } => ui::value_not_kept(lang, label.get(lang), text),
            N::QuitDropsReason => ui::quit_drops_reason(lang).into(),
            N::NoSuchCriterion(n) => ui::no_criterion_number(lang, n),
            N::NothingToUndo => ui::nothing_to_undo(lang).into(),
            N::Undone(code) => ui::undone(lang, code),
            N::AllAssessed => ui::all_assessed(lang).into(),
            N::MarkTwo => i18n::programme::mark_two(lang).into(),
            N::Resolved { left } => i18n::sync::console::resolved(lang, *left),
            N::ResolveFailed(e) => i18n::sync::resolve_error(lang, e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn successes_are_never_errors_and_every_notice_has_words_in_both_languages() {
        let all = [
            Notice::Saved(Timestamp::UNIX_EPOCH),
            Notice::Saving,
            Notice::Unsaved,
            Notice::SaveFailed(super::super::error::ConsoleError::Worded(
                "disk full".into(),
            )),
            Notice::Restored { unit: "U".into() },
            Notice::Archived("a/b.json".into()),
            Notice::Exported("x.html".into()),
            Notice::Failed(super::super::error::ConsoleError::Worded("no".into())),
            Notice::ReadOnly("held".into()),
            Notice::NotEditable(Status::Final),
            Notice::EditRefused(EditError::NotEditable(Status::Sealed)),
            Notice::StepRefused(StepError::Conflicts(2)),
            Notice::StepRefused(StepError::Seal(SealError::NoName)),
            Notice::StepRefused(StepError::Finalize(FinalizeError::NoReason)),
            Notice::StepNotNow(Status::Draft),
            Notice::Cancelled,
            Notice::ReasonWhenLeaving,
            Notice::QuitDropsReason,
            Notice::NoSuchCriterion("99".into()),
            Notice::NothingToUndo,
            Notice::Undone("I.1".into()),
            Notice::AllAssessed,
            Notice::MarkTwo,
            Notice::Resolved { left: 0 },
        ];
        for n in &all {
            assert!(!n.text(Lang::Vi).is_empty(), "{n:?}");
            assert!(!n.text(Lang::En).is_empty(), "{n:?}");
        }
        for n in [
            Notice::Restored { unit: "U".into() },
            Notice::Archived("a".into()),
            Notice::Exported("a".into()),
            Notice::Undone("I.1".into()),
            Notice::Resolved { left: 1 },
        ] {
            assert_eq!(n.kind(), Kind::Success, "{n:?}");
        }
    }
}
