import type { CaseRowStat, Row, StatsReply } from './stats-types.js';
import { CASE_SERIES } from './stats-types.js';

/** ECharts options for the 统计 section; plain data in, option objects out (no DOM here). */
const GRID = { left: 48, right: 16, top: 36, bottom: 56, containLabel: true };
/** No entry animation: a bar is where it is drawn at once (screenshots and clicks see the final chart). */
const STILL = { animation: false };
const AXIS_LABEL = { interval: 0, rotate: 30, fontSize: 11 };
const COLORS = ['#2e7d32', '#1565c0', '#ef6c00', '#6a1b9a', '#00838f', '#c62828', '#5d4037', '#546e7a'];

export function messagesByDay(s: StatsReply, channelLabel: (k: string) => string): unknown {
  const channels = s.messages.byChannel.map((c) => c.key);
  return {
    ...STILL, color: COLORS, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: GRID,
    xAxis: { type: 'category', data: s.messages.byDay.map((d) => d.day.slice(5)), axisLabel: { fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: channels.map((ch) => ({ name: channelLabel(ch), type: 'bar', stack: 'all', data: s.messages.byDay.map((d) => d.byChannel[ch] ?? 0) })),
  };
}

/** One bar per row; with the previous period beside it when the rows carry it. */
export function rowsBar(rows: Row[], withPrevious: boolean, currentLabel: string, previousLabel: string): unknown {
  const series: unknown[] = [{ name: currentLabel, type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#2e7d32' }, label: { show: true, position: 'top' } }];
  if (withPrevious) series.push({ name: previousLabel, type: 'bar', data: rows.map((r) => r.previous ?? 0), itemStyle: { color: '#b0bec5' } });
  return {
    ...STILL, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: GRID,
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', minInterval: 1 }, series,
  };
}

export function caseRowsBar(rows: CaseRowStat[]): unknown {
  return {
    ...STILL, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: GRID,
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', minInterval: 1 },
    series: CASE_SERIES.map((k) => ({ name: k.label, type: 'bar', data: rows.map((r) => r[k.key]), itemStyle: { color: k.color } })),
  };
}

export function satisfactionPie(s: StatsReply['satisfaction']): unknown {
  return {
    ...STILL, tooltip: { trigger: 'item' }, legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['35%', '65%'], label: { formatter: '{b}：{c}' },
      data: [
        { name: '满意', value: s.satisfied, itemStyle: { color: '#2e7d32' } },
        { name: '基本满意', value: s.partly, itemStyle: { color: '#fbc02d' } },
        { name: '不满意', value: s.unsatisfied, itemStyle: { color: '#c62828' } },
      ],
    }],
  };
}
