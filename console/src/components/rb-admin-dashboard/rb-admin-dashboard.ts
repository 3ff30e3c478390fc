/**
 * @summary The merchant's numbers at a glance, from `GET /v1/admin/metrics`: rating
 * distribution, submissions per day by kind, average rating over time, time to first response
 * (median and p90), SLA kept, recovery rate and promises kept.
 */
import { LitElement, css, html, nothing } from 'lit';
import { Metrics } from '../../../../shared/metrics.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { request } from '../../lib/api.ts';
import { formatDay, formatHours, formatNumber, formatPercent } from '../../../../shared/format.ts';
import { averageLine, dailyByKind, msToHours, share } from '../../lib/metrics-view.ts';
import { report, type Shown } from '../../lib/report.ts';
import { messages } from '../../i18n/index.ts';
import { base } from '../../styles/base.ts';
import '../rb-bar-chart/rb-bar-chart.ts';
import '../rb-line-chart/rb-line-chart.ts';
import '../rb-stat/rb-stat.ts';
import '../rb-router-learned/rb-router-learned.ts';

export class RbAdminDashboard extends LitElement {
  static override styles = [
    base,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
        gap: 0.75rem;
      }
      .stats {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
        gap: 0.75rem;
        margin-block-end: 0.75rem;
      }
      section,
      rb-stat {
        background: var(--rb-surface);
        border: 1px solid var(--rb-border);
        border-radius: var(--rb-radius);
        padding: 0.75rem;
      }
    `,
  ];
  static override properties = { lang: { type: String }, metrics: { state: true }, problem: { state: true } };

  declare lang: Lang;
  declare metrics: Metrics | null;
  declare problem: Shown | null;

  constructor() {
    super();
    this.lang = 'en';
    this.metrics = null;
    this.problem = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.metrics = await request(Metrics, '/v1/admin/metrics');
    } catch (err) {
      this.problem = report(this, err, messages(this.lang));
    }
  }

  override render() {
    const m = messages(this.lang);
    const x = this.metrics;
    return html`
      <h1>${m.dashboard.title}</h1>
      ${this.problem ? html`<p class="error" role="alert">${this.problem.message}</p>` : nothing}
      ${x ? this.renderMetrics(x) : this.problem ? nothing : html`<p role="status">${m.loading}</p>`}
    `;
  }

  private renderMetrics(x: Metrics) {
    const m = messages(this.lang);
    const lang = this.lang;
    const hours = (v: number | null) => (v === null ? '' : formatHours(v, lang));
    const pct = (v: number | null) => (v === null ? '' : formatPercent(v, lang));
    const daily = dailyByKind(x.submissionsPerDay);
    const avg = averageLine(x.averageRatingPerDay);
    const sla = share(x.slaKeptPercent);
    const recovery = share(x.recoveryRatePercent);
    const promises = share(x.promisesKeptPercent);
    return html`
      <div class="stats">
        <rb-stat .label=${`${m.dashboard.firstResponse} · ${m.dashboard.median}`} .value=${hours(msToHours(x.timeToFirstResponse.median))} .empty=${m.dashboard.noData}></rb-stat>
        <rb-stat .label=${`${m.dashboard.firstResponse} · ${m.dashboard.p90}`} .value=${hours(msToHours(x.timeToFirstResponse.p90))} .empty=${m.dashboard.noData}></rb-stat>
        <rb-stat .label=${m.dashboard.sla} .value=${pct(sla)} .ratio=${sla ?? undefined} .empty=${m.dashboard.noData}></rb-stat>
        <rb-stat .label=${m.dashboard.recovery} .value=${pct(recovery)} .ratio=${recovery ?? undefined} .empty=${m.dashboard.noData}></rb-stat>
        <rb-stat .label=${m.dashboard.promises} .value=${pct(promises)} .ratio=${promises ?? undefined} .empty=${m.dashboard.noData}></rb-stat>
        <rb-stat .label=${`${m.dashboard.resolution} · ${m.dashboard.median}`} .value=${hours(msToHours(x.timeToResolution.median))} .empty=${m.dashboard.noData}></rb-stat>
        <rb-stat .label=${m.dashboard.complaints} .value=${formatNumber(x.complaints30d, lang, 0)}></rb-stat>
        <rb-stat .label=${m.dashboard.openCases} .value=${formatNumber(x.cases.open, lang, 0)}></rb-stat>
      </div>
      <div class="grid">
        <section aria-labelledby="ratings">
          <h2 id="ratings">${m.dashboard.ratings}</h2>
          <rb-bar-chart
            .label=${m.dashboard.ratings}
            .labels=${[1, 2, 3, 4, 5].map((n) => m.dashboard.stars(n))}
            .series=${[{ name: m.dashboard.ratings, values: [...x.ratingDistribution] }]}
            .format=${(n: number) => formatNumber(n, lang, 0)}
            .empty=${m.dashboard.noData}
            .xTitle=${m.charts.axisStars}
            .yTitle=${m.charts.axisReviews}
            .tableLabel=${m.charts.showTable}
          ></rb-bar-chart>
        </section>
        <section aria-labelledby="per-day">
          <h2 id="per-day">${m.dashboard.perDay}</h2>
          <rb-bar-chart
            .label=${m.dashboard.perDay}
            .labels=${daily.days.map((d) => formatDay(d, lang))}
            .series=${daily.series.map((s) => ({ name: m.kind[s.kind], values: s.values }))}
            .format=${(n: number) => formatNumber(n, lang, 0)}
            .empty=${m.dashboard.noData}
            .xTitle=${m.charts.axisDay}
            .yTitle=${m.charts.axisSubmissions}
            .tableLabel=${m.charts.showTable}
            .totalLabel=${m.charts.total}
          ></rb-bar-chart>
        </section>
        <section aria-labelledby="average">
          <h2 id="average">${m.dashboard.average}</h2>
          <rb-line-chart
            .label=${m.dashboard.average}
            .labels=${avg.days.map((d) => formatDay(d, lang))}
            .values=${avg.values}
            .min=${1}
            .max=${5}
            .format=${(n: number) => formatNumber(n, lang, 1)}
            .empty=${m.dashboard.noData}
            .xTitle=${m.charts.axisDay}
            .yTitle=${m.charts.axisAverage}
            .tableLabel=${m.charts.showTable}
            .noValue=${m.charts.noRatings}
          ></rb-line-chart>
        </section>
        <section aria-labelledby="causes">
          <h2 id="causes">${m.dashboard.rootCauses}</h2>
          <rb-bar-chart
            .label=${m.dashboard.rootCauses}
            .labels=${x.rootCauses.map((r) => m.rootCause[r.rootCause])}
            .series=${[{ name: m.dashboard.rootCauses, values: x.rootCauses.map((r) => r.count) }]}
            .format=${(n: number) => formatNumber(n, lang, 0)}
            .empty=${m.dashboard.noData}
            .xTitle=${m.charts.axisRootCause}
            .yTitle=${m.charts.axisCases}
            .tableLabel=${m.charts.showTable}
          ></rb-bar-chart>
        </section>
        <section aria-labelledby="learned"><rb-router-learned .lang=${lang}></rb-router-learned></section>
      </div>
    `;
  }
}

if (!customElements.get('rb-admin-dashboard')) customElements.define('rb-admin-dashboard', RbAdminDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'rb-admin-dashboard': RbAdminDashboard;
  }
}
