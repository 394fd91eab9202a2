//! Building blocks of the walkthrough screens: phase progress, radio scales, the emotion curve.

use crate::components::form::described_by;
use crate::domain::walkthrough::{
    EMOTIONS, WalkedStep, curve_path, emotion_curve, emotion_label_key, phase_progress,
};
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Progress through the five phases, with the current step's phase marked. Read out as a list.
#[component]
pub fn PhaseProgress(steps: Vec<WalkedStep>, current: usize) -> impl IntoView {
    let i18n = use_i18n();
    let current_phase = steps.get(current).map(|s| s.step.phase);
    let answered = steps.iter().filter(|s| s.answer.outcome.is_some()).count();
    let total = steps.len();
    view! {
        <nav class="phase-progress" aria-label=i18n.t("walk-progress-label")>
            <p class="phase-progress__summary">
                {i18n.t_with("walk-progress-summary", &[("answered", answered.to_string()), ("total", total.to_string())])}
            </p>
            <ol class="phase-progress__list">
                {phase_progress(&steps).into_iter().map(|(phase, done, count)| {
                    let is_current = Some(phase) == current_phase;
                    let state = if done == count { "done" } else if is_current { "current" } else { "todo" };
                    view! {
                        <li class="phase-progress__item" data-state=state aria-current=is_current.then_some("step")>
                            <span class="phase-progress__name">{i18n.t(phase.label_key())}</span>
                            <span class="phase-progress__count">{format!("{done}/{count}")}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
}

/// One choice of a radio scale: (value, visible label, optional extra text for screen readers).
pub type ScaleOption = (String, String, Option<String>);

/// A row of large radio buttons in a fieldset (outcome, emotion, effort, recommend score).
/// Native radios: arrow keys move, screen readers announce legend and label.
#[component]
pub fn RadioScale(
    #[prop(into)] name: String,
    field: &'static str,
    legend: String,
    #[prop(optional)] hint: Option<String>,
    options: Vec<ScaleOption>,
    selected: String,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] compact: bool,
    /// Draw a face for each value (the emotion scale) in place of the value itself.
    #[prop(optional)]
    faces: bool,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let error_id = format!("field-{}-error", field.replace('_', "-"));
    let hint_id = format!("field-{}-hint", field.replace('_', "-"));
    let has_hint = hint.is_some();
    let described = described_by(has_hint.then(|| hint_id.clone()), error, error_id.clone());
    view! {
        <fieldset class="fieldset scale" class:scale--compact=compact class:field--invalid=move || error.with(Option::is_some) aria-describedby=described>
            <legend class="fieldset__legend">{legend}</legend>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            <div class="scale__options">
                {options.into_iter().map(|(value, label, extra)| {
                    let id = format!("{field}-{}", value.replace('-', "m"));
                    let checked = value == selected;
                    let label_for = id.clone();
                    view! {
                        <label class="scale__option" for=label_for>
                            <input type="radio" id=id name=name.clone() value=value checked=checked />
                            {if faces {
                                view! { <Face value=value_num(&label) /> }.into_any()
                            } else {
                                view! { <span class="scale__label">{label}</span> }.into_any()
                            }}
                            {extra.map(|x| view! { <span class="scale__extra">{x}</span> })}
                        </label>
                    }
                }).collect_view()}
            </div>
            {move || error.get().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
        </fieldset>
    }
}

fn value_num(label: &str) -> i64 {
    label.parse().unwrap_or(0)
}

/// A simple face for an emotion value, −2 (frown) to +2 (broad smile); decorative, the word is the label.
#[component]
pub fn Face(value: i64) -> impl IntoView {
    let v = value.clamp(-2, 2) as f64;
    let mouth = format!(
        "M9 {:.1} Q16 {:.1} 23 {:.1}",
        21.0 - v * 0.5,
        21.0 + v * 3.0,
        21.0 - v * 0.5
    );
    view! {
        <svg class="face" data-value=value viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
            <circle cx="16" cy="16" r="14" class="face__head" />
            <circle cx="11" cy="13" r="1.8" class="face__eye" />
            <circle cx="21" cy="13" r="1.8" class="face__eye" />
            <path d=mouth class="face__mouth" />
        </svg>
    }
}

/// The emotion scale as radio options: the value (drawn as a face) and a word with the number.
pub fn emotion_options() -> Vec<ScaleOption> {
    let i18n = use_i18n();
    EMOTIONS
        .iter()
        .map(|(value, key)| {
            (
                value.to_string(),
                value.to_string(),
                Some(format!("{} ({value:+})", i18n.t(key)).replace("(+0)", "(0)")),
            )
        })
        .collect()
}

/// The emotion curve across the steps: server-rendered SVG with friction markers, described by a
/// caption; the table next to it carries the same numbers for screen readers and print.
///
/// SVG text scales with the viewBox, so the box is narrow (480 units, about the width of a phone)
/// and the stylesheet sets the label sizes in user units per screen width: at least 12 px on a
/// 375 px phone without turning huge on a desktop, where the figure has a maximum width.
#[component]
pub fn EmotionCurve(steps: Vec<WalkedStep>) -> impl IntoView {
    let i18n = use_i18n();
    // The whole box, and the margins around the plot for the labels.
    const W: f64 = 480.0;
    const H: f64 = 270.0;
    const LEFT: f64 = 40.0; // emotion ticks (right-aligned)
    const RIGHT: f64 = 16.0;
    const TOP: f64 = 40.0; // friction markers
    const BOTTOM: f64 = 36.0; // step numbers
    const PAD: f64 = 14.0; // inside the plot, so the first and last points clear the edge
    const PLOT_W: f64 = W - LEFT - RIGHT;
    const PLOT_H: f64 = H - TOP - BOTTOM;
    let points = emotion_curve(&steps, PLOT_W, PLOT_H, PAD);
    let path = curve_path(&points);
    let level = |e: i64| PAD + (PLOT_H - 2.0 * PAD) * (2.0 - e as f64) / 4.0;
    let recorded: Vec<String> = steps
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            s.answer.emotion.map(|e| {
                format!(
                    "{} {}: {}",
                    i18n.t("walk-step"),
                    i + 1,
                    i18n.t(emotion_label_key(e))
                )
            })
        })
        .collect();
    let description = if recorded.is_empty() {
        i18n.t("walk-curve-empty")
    } else {
        recorded.join("; ")
    };
    view! {
        <figure class="curve">
            <svg class="curve__svg" viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="curve-title curve-desc" preserveAspectRatio="xMidYMid meet">
                <title id="curve-title">{i18n.t("walk-curve-title")}</title>
                <desc id="curve-desc">{description}</desc>
                <g transform=format!("translate({LEFT} {TOP})")>
                    {[-2i64, -1, 0, 1, 2].into_iter().map(|e| view! {
                        <line class=if e == 0 { "curve__axis curve__axis--zero" } else { "curve__axis" }
                            x1=0 x2=PLOT_W y1=level(e) y2=level(e) />
                        <text class="curve__tick" x=-10 y=level(e) text-anchor="end" dominant-baseline="central">
                            {match e { 0 => "0".to_owned(), e if e < 0 => format!("\u{2212}{}", -e), e => format!("+{e}") }}
                        </text>
                    }).collect_view()}
                    <path class="curve__line" d=path />
                    {points.iter().map(|p| {
                        let y = p.y;
                        view! {
                            <g>
                                <text class="curve__step" x=p.x y=PLOT_H + BOTTOM - 8.0 text-anchor="middle">{p.number}</text>
                                {y.map(|y| view! { <circle class="curve__point" cx=p.x cy=y r=5 /> })}
                                {(p.frictions > 0).then(|| view! {
                                    <g class="curve__friction">
                                        <polygon points=format!("{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}", p.x, -10.0, p.x - 8.0, -24.0, p.x + 8.0, -24.0) />
                                        <text x=p.x + 11.0 y=-17.0 dominant-baseline="central">{p.frictions}</text>
                                    </g>
                                })}
                            </g>
                        }
                    }).collect_view()}
                </g>
            </svg>
            <figcaption class="curve__caption">{i18n.t("walk-curve-caption")}</figcaption>
        </figure>
    }
}
