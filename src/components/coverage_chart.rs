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

/// The sentence under the chart: the first month with people against the last one (a trend of
/// one month says so instead of comparing the month with itself).
fn trend_summary(i18n: crate::i18n::I18n, labelled: &[(String, Option<i64>, i64, i64)]) -> String {
    let mut known = labelled
        .iter()
        .filter_map(|(label, pct, _, _)| pct.map(|p| (label, p)));
    let first = known.next();
    match (first, known.next_back()) {
        (Some((from, from_pct)), Some((to, to_pct))) => {
            let change = match to_pct.cmp(&from_pct) {
                std::cmp::Ordering::Greater => "up",
                std::cmp::Ordering::Less => "down",
                std::cmp::Ordering::Equal => "same",
            };
            i18n.t_with(
                "dash-trend-summary",
                &[
                    ("change", change.to_owned()),
                    ("from", from.clone()),
                    ("from_pct", from_pct.to_string()),
                    ("to", to.clone()),
                    ("to_pct", to_pct.to_string()),
                ],
            )
        }
        (Some((to, to_pct)), None) => i18n.t_with(
            "dash-trend-one",
            &[("to", to.clone()), ("to_pct", to_pct.to_string())],
        ),
        _ => i18n.t("dash-trend-empty"),
    }
}

#[component]
pub fn CoverageChart(points: Vec<TrendPoint>) -> impl IntoView {
    let i18n = use_i18n();
    let en = i18n.locale == crate::domain::Locale::En;
    const W: f64 = 480.0;
    const H: f64 = 240.0;
    const LEFT: f64 = 56.0;
    const RIGHT: f64 = 8.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 52.0;
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
    let summary = trend_summary(i18n, &labelled);
    let bars = labelled.clone();
    view! {
        <figure class="curve coverage-chart">
            <svg class="curve__svg coverage-chart__svg" viewBox=format!("0 0 {W} {H}") role="img"
                aria-labelledby="trend-title trend-desc" preserveAspectRatio="xMidYMid meet">
                <title id="trend-title">{i18n.t("dash-trend-title")}</title>
                <desc id="trend-desc">{summary.clone()}</desc>
                <g transform=format!("translate({LEFT} {TOP})")>
                    {[0i64, 25, 50, 75, 100].into_iter().map(|pct| view! {
                        <line class="curve__axis" x1=0 x2=PLOT_W y1=y(pct) y2=y(pct) />
                        <text class="curve__tick" x=-8 y=y(pct) text-anchor="end" dominant-baseline="central">
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
                                // Slanted, so twelve months stay apart on a phone's narrow chart.
                                <text class="curve__tick coverage-chart__month" text-anchor="end"
                                    transform=format!("translate({:.1} {:.1}) rotate(-45)", x + slot * 0.65, PLOT_H + 14.0)>{short}</text>
                            </g>
                        }
                    }).collect_view()}
                </g>
            </svg>
            <figcaption class="curve__caption">{summary}</figcaption>
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Locale;
    use crate::i18n::I18n;

    fn month(label: &str, pct: Option<i64>) -> (String, Option<i64>, i64, i64) {
        (label.to_owned(), pct, 0, 0)
    }

    #[test]
    fn the_summary_compares_the_first_month_with_people_to_the_last() {
        let points = [
            month("nov 2025", None),
            month("jan 2026", Some(40)),
            month("jun 2026", Some(10)),
            month("dec 2026", Some(55)),
        ];
        let nl = trend_summary(I18n::new(Locale::Nl), &points);
        assert_eq!(
            nl,
            "Dekking gestegen van 40% eind jan 2026 naar 55% eind dec 2026."
        );
        let en = trend_summary(I18n::new(Locale::En), &points[..3]);
        assert_eq!(
            en,
            "Coverage fell from 40% at the end of jan 2026 to 10% at the end of jun 2026."
        );
    }

    #[test]
    fn one_month_of_data_is_not_compared_with_itself() {
        let points = [month("nov 2026", None), month("dec 2026", Some(13))];
        let nl = trend_summary(I18n::new(Locale::Nl), &points);
        assert_eq!(
            nl,
            "Dekking eind dec 2026: 13%. Eerdere maanden hebben nog geen medewerkers."
        );
        assert!(!nl.contains("eind dec 2026: 13%; eind dec 2026"));
        assert_eq!(
            trend_summary(I18n::new(Locale::En), &[month("dec 2026", None)]),
            "No data about the last months yet."
        );
    }
}
