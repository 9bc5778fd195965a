import { useEffect, useRef, useState } from 'preact/hooks';

/** The part of Apache ECharts the console uses (loaded from /admin/assets/echarts.min.js, the project's own copy). */
interface EChart {
  setOption(option: unknown, notMerge?: boolean): void;
  on(event: 'click', handler: (p: { seriesIndex?: number; dataIndex?: number; name?: string }) => void): void;
  resize(): void;
  dispose(): void;
}
interface EChartsGlobal { init(el: HTMLElement, theme?: string | null, opts?: { renderer?: 'svg' | 'canvas' }): EChart }

let loading: Promise<EChartsGlobal> | undefined;

/** Loads ECharts once, on the first chart (the other sections never pay for it). */
function loadECharts(): Promise<EChartsGlobal> {
  const w = window as unknown as { echarts?: EChartsGlobal };
  if (w.echarts) return Promise.resolve(w.echarts);
  loading ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/admin/assets/echarts.min.js';
    s.onload = () => (w.echarts ? resolve(w.echarts) : reject(new Error('echarts did not load')));
    s.onerror = () => { loading = undefined; reject(new Error('图表组件加载失败，请刷新页面')); };
    document.head.append(s);
  });
  return loading;
}

export function Chart(props: { option: unknown; onClick?: (seriesIndex: number, dataIndex: number) => void; id?: string; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChart | null>(null);
  const click = useRef(props.onClick);
  click.current = props.onClick;
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const onResize = (): void => chart.current?.resize();
    loadECharts().then((echarts) => {
      if (!live || !el.current) return;
      const c = echarts.init(el.current, null, { renderer: 'svg' });
      c.on('click', (p) => { if (p.seriesIndex !== undefined && p.dataIndex !== undefined) click.current?.(p.seriesIndex, p.dataIndex); });
      chart.current = c;
      c.setOption(props.option, true);
      addEventListener('resize', onResize);
    }, (err: Error) => setFailed(err.message));
    return () => { live = false; removeEventListener('resize', onResize); chart.current?.dispose(); chart.current = null; };
  }, []);
  useEffect(() => { chart.current?.setOption(props.option, true); }, [props.option]);
  return failed ? <div class="problem">{failed}</div>
    : <div class={'chart' + (props.onClick ? ' drillable' : '')} id={props.id} ref={el} style={{ height: `${props.height ?? 280}px` }} />;
}
