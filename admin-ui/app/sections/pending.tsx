import { get } from '../api.js';
import { Card, Empty, Loading, Problem, useLoad, useTitle } from '../ui/kit.js';

interface Group {
  service: string | null; serviceLabel: string; office: string | null; officeName: string | null; count: number;
  templateKey: string | null; file?: string; items: { path: string; text: string }[];
}

/** 待填写: every 【待管理员填写…】 still in what villagers read, by service and office, until there are none. */
export function Pending() {
  useTitle('待填写');
  const r = useLoad(() => get<{ total: number; groups: Group[] }>('/api/admin/placeholders'), []);
  if (r.loading && !r.data) return <Loading />;
  if (!r.data) return <Problem text={r.error} />;
  const { total, groups } = r.data;
  return (
    <div id="pending">
      <Card title={<>待填写 <span class="badge" id="pending-total">{total}</span></>}>
        {total === 0
          ? <Empty id="pending-empty" title="全部填好了" hint="群众看到的内容里已没有【待管理员填写】。以后新增事项时，这里会再列出要填的地方。" />
          : <p>群众问到这些内容时，现在只能听到“请以公布为准”。点“去填写”打开该事项的表单，在“待填写内容”里填好，保存草稿并提交审核；审核通过后这里的数字会减少。</p>}
      </Card>
      {groups.filter((g) => g.count > 0).map((g) => (
        <Card class="pending-group" title={`${g.serviceLabel}${g.officeName ? ' · ' + g.officeName : ''}（${g.count} 处）`}
          actions={g.templateKey ? <a class="btn small primary" href={`#/templates/${encodeURIComponent(g.templateKey)}`}>去填写</a> : <span class="muted">在 {g.file ?? 'templates/'} 中修改，改后重启生效</span>}>
          <ul class="pending-items" data-service={g.service ?? ''}>
            {g.items.map((it) => <li><span class="warn">{it.text}</span> <span class="muted">（{it.path}）</span></li>)}
          </ul>
        </Card>
      ))}
    </div>
  );
}
