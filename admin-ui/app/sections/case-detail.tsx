import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api.js';
import { act, Card, dash, fmtDay, fmtTime, Loading, Problem, useLoad } from '../ui/kit.js';
import { CaseActions } from './case-actions.js';
import { maskedWho, type CaseDetail } from './case-types.js';

/** One case: every field, the whole history, and the actions this user may take; scrolled into view when opened. */
export function CaseDetailView(props: { number: string; back: string }) {
  const r = useLoad(() => get<CaseDetail>(`/api/admin/cases/${encodeURIComponent(props.number)}`), [props.number]);
  const [detail, setDetail] = useState<CaseDetail | undefined>(undefined);
  const [identity, setIdentity] = useState<string | null>(null);
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => { setDetail(r.data); }, [r.data]);
  useEffect(() => { top.current?.scrollIntoView({ block: 'start' }); }, [props.number, !!detail]);
  const d = detail;
  const reveal = async (): Promise<void> => {
    const id = await act(() => get<{ complainant: { name: string | null; phone: string | null; channel: string } }>(`/api/admin/cases/${encodeURIComponent(props.number)}/identity`));
    if (id) setIdentity(`反映人：${id.complainant.name ?? '（未留姓名）'} ${id.complainant.phone ?? ''} · 渠道 ${id.complainant.channel}（本次查看已记录）`);
  };
  return (
    <div ref={top} id="case-detail">
      <a class="back" href={props.back}>← 返回案件列表</a>
      {r.loading && !d ? <Loading /> : null}
      <Problem text={r.error} />
      {d ? (
        <>
          <Card title={<>{d.case.number} · {d.case.kindLabel ?? d.case.kind} · <span class="st">{d.case.statusLabel ?? d.case.status}</span>{d.case.overdue ? <span class="tag warn">已超期</span> : null}</>}>
            {d.case.needsPhoneCall ? <div class="warn-line" id="case-needs-phone-call">消息无法送达反映人，请电话联系（点“查看完整身份”获取电话，查看留痕）。</div> : null}
            <dl class="fields">
              <dt>摘要</dt><dd>{dash(d.case.summary)}</dd>
              <dt>反映什么</dt><dd>{dash(d.case.details?.what)}</dd>
              <dt>反映谁</dt><dd>{dash(d.case.details?.who)}</dd>
              <dt>村（社区）</dt><dd>{dash(d.case.details?.village ?? d.case.village)}</dd>
              <dt>发生时间</dt><dd>{dash(d.case.details?.when)}</dd>
              <dt>诉求</dt><dd>{dash(d.case.details?.wants)}</dd>
              <dt>事项</dt><dd>{dash(d.case.serviceLabel ?? d.case.service)}</dd>
              <dt>问题类别</dt><dd>{dash(d.case.category)}</dd>
              <dt>承办科室</dt><dd>{dash(d.case.office)}</dd>
              <dt>经办人</dt><dd>{dash(d.case.holder)}</dd>
              <dt>首问责任人</dt><dd>{dash(d.case.firstResponder)}</dd>
              <dt>反映人</dt><dd>{maskedWho(d.case.complainant)}</dd>
              <dt>登记时间</dt><dd>{fmtTime(d.case.createdAt)}</dd>
              <dt>受理时间</dt><dd>{fmtTime(d.case.acceptedAt)}</dd>
              <dt>办理时限</dt><dd>{fmtDay(d.case.deadline?.due ?? d.case.due)}{d.case.deadline && !d.case.deadline.covered ? '（该年节假日未录入，按周一至周五计算）' : ''}</dd>
              <dt>办结时间</dt><dd>{fmtTime(d.case.closedAt)}</dd>
              <dt>办理结果</dt><dd>{dash(d.case.result)}</dd>
              <dt>满意度</dt><dd>{d.satisfaction ? `${d.satisfaction.ratingLabel ?? d.satisfaction.rating}（${fmtTime(d.satisfaction.at)}）` : '—'}</dd>
              <dt>约谈</dt><dd>{d.interview ? `${d.interview.statusLabel ?? ''} ${d.interview.leader ?? ''} ${fmtTime(d.interview.heldAt ?? d.interview.bookedAt)}` : '—'}</dd>
            </dl>
            {d.identityAllowed
              ? <button class="btn" id="show-identity" onClick={() => void reveal()}>查看完整身份（留痕）</button>
              : <div class="muted">您不是本案经办人或首问责任人，不能查看反映人完整身份。</div>}
            <div id="case-identity">{identity}</div>
          </Card>
          <Card title="办理"><CaseActions detail={d} onDone={setDetail} /></Card>
          {d.extensions.length || d.rejection ? (
            <Card title="延期与否定报备">
              {d.extensions.map((e) => <div class="ext">延期 {e.days} 个工作日：{e.reason}（{e.requestedBy ?? ''} {fmtTime(e.requestedAt)}）· {e.decisionLabel ?? (e.decision ? e.decision : '待批准')}{e.decidedBy ? ` · ${e.decidedBy}` : ''}</div>)}
              {d.rejection ? <div class="ext">否定报备：{d.rejection.reason}{d.rejection.legalBasis ? `（依据：${d.rejection.legalBasis}）` : ''} · {d.rejection.decision ?? '待批准'}</div> : null}
            </Card>) : null}
          <Card title="答复群众">
            {d.replies.length === 0 ? <div class="muted">还没有答复。接单后可以在上面“回复群众”。</div>
              : <ul class="replies" id="case-replies">{d.replies.map((x) => <li>{fmtTime(x.at)} {x.staff ?? ''}：{x.text}</li>)}</ul>}
          </Card>
          <Card title="全部办理记录">
            <table class="table" id="case-history"><thead><tr><th>时间</th><th>操作</th><th>操作人</th><th>状态</th><th>经办人</th><th>说明</th></tr></thead>
              <tbody>{d.history.map((h) => (
                <tr><td>{fmtTime(h.at)}</td><td>{h.actionLabel ?? h.action}</td><td>{h.actorName === 'system' ? '系统' : dash(h.actorName ?? h.actor)}</td>
                  <td>{h.fromLabel || h.toLabel ? `${dash(h.fromLabel)} → ${dash(h.toLabel)}` : '—'}</td><td>{dash(h.holder)}</td><td>{dash(h.note)}</td></tr>))}</tbody></table>
          </Card>
        </>
      ) : null}
    </div>
  );
}
