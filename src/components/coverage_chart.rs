//! The coverage trend: covered percentage at the end of each of the last 12 months as a
//! server-rendered SVG bar chart (like the emotion curve), a sentence that sums it up, and a
//! table with the same numbers for screen readers and print.

use super::table::ScrollTable;
use crate::api::dashboard::{TrendPoint, percent};
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Short month label ("dec 2026") in the reader's language.
fn month_label(locale_en: bool, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const NL: [&str; 12] = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let names = if locale_en { EN } else { NL };
    let m = names[(day.month0() as usize).min(11)];
    format!("{m} {}", day.year())
}

#[component]
pub fn CoverageChart(points: Vec<TrendPoint>) -> impl IntoView {
    let i18n = use_i18n();
    let en = i18n.locale == crate::domain::Locale::En;
    const W: f64 = 480.0;
    const H: f64 = 240.0;
    const LEFT: f64 = 44.0;
    const RIGHT: f64 = 8.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 40.0;
    const PLOT_W: f64 = W - LEFT - RIGHT;
    const PLOT_H: f64 = H - TOP - BOTTOM;
    let n = points.len().max(1) as f64;
    let slot = PLOT_W / n;
    let y = |pct: i64| PLOT_H - PLOT_H * (pct as f64) / 100.0;
    let labelled: Vec<(String, Option<i64>, i64, i64)> = points
        .iter()
        .map(|p| {
            (
                month_label(en, p.day),
                percent(p.covered, p.people),
                p.covered,
                p.people,
            )
        })
        .collect();
    let summary = {
        let known: Vec<&(String, Option<i64>, i64, i64)> =
            labelled.iter().filter(|l| l.1.is_some()).collect();
        match (known.first(), known.last()) {
            (Some(first), Some(last)) => i18n.t_with(
                "dash-trend-summary",
                &[
                    ("from", first.0.clone()),
                    ("from_pct", first.1.unwrap_or_default().to_string()),
                    ("to", last.0.clone()),
                    ("to_pct", last.1.unwrap_or_default().to_string()),
                ],
            ),
            _ => i18n.t("dash-trend-empty"),
        }
    };
    let bars = labelled.clone();
    view! {
        <figure class="coverage-chart">
            <svg class="coverage-chart__svg" viewBox=format!("0 0 {W} {H}") role="img"
                aria-labelledby="trend-title trend-desc" preserveAspectRatio="xMidYMid meet">
                <title id="trend-title">{i18n.t("dash-trend-title")}</title>
                <desc id="trend-desc">{summary.clone()}</desc>
                <g transform=format!("translate({LEFT} {TOP})")>
                    {[0i64, 25, 50, 75, 100].into_iter().map(|pct| view! {
                        <line class="coverage-chart__grid" x1=0 x2=PLOT_W y1=y(pct) y2=y(pct) />
                        <text class="coverage-chart__tick" x=-8 y=y(pct) text-anchor="end" dominant-baseline="central">
                            {format!("{pct}%")}
                        </text>
                    }).collect_view()}
                    {bars.into_iter().enumerate().map(|(i, (label, pct, _, _))| {
                        let x = slot * i as f64;
                        let h = pct.map_or(0.0, |p| PLOT_H - y(p));
                        let short = label.split(' ').next().unwrap_or_default().to_owned();
                        view! {
                            <g>
                                <rect class="coverage-chart__bar" x=format!("{:.1}", x + slot * 0.15)
                                    y=format!("{:.1}", PLOT_H - h) width=format!("{:.1}", slot * 0.7)
                                    height=format!("{h:.1}") />
                                <text class="coverage-chart__month" x=format!("{:.1}", x + slot / 2.0)
                                    y=PLOT_H + 18.0 text-anchor="middle">{short}</text>
                            </g>
                        }
                    }).collect_view()}
                </g>
            </svg>
            <figcaption class="coverage-chart__caption">{summary}</figcaption>
        </figure>
        <details class="coverage-chart__data">
            <summary>{i18n.t("dash-trend-table")}</summary>
            <ScrollTable label=i18n.t("dash-trend-table")>
                <thead><tr>
                    <th scope="col">{i18n.t("dash-col-month")}</th>
                    <th scope="col" class="num">{i18n.t("dash-col-covered")}</th>
                    <th scope="col" class="num">{i18n.t("dash-col-people")}</th>
                    <th scope="col" class="num">{i18n.t("dash-col-percent")}</th>
                </tr></thead>
                <tbody>
                    {labelled.into_iter().map(|(label, pct, covered, people)| view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td class="num">{covered}</td>
                            <td class="num">{people}</td>
                            <td class="num">{pct.map_or_else(|| "—".to_owned(), |p| format!("{p}%"))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </ScrollTable>
        </details>
    }
}
