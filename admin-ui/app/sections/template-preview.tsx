export interface ChannelPreview { text: string; bytes: number; truncated: boolean }
export interface PreviewResult { wechat: ChannelPreview; qq: ChannelPreview }

/** What a villager reads: a WeChat bubble and a QQ bubble, variables filled in as the bot fills them. */
export function PreviewPanel(props: { result: PreviewResult }) {
  const { wechat, qq } = props.result;
  return (
    <div class="preview" id="preview-card">
      <div class="phone wechat">
        <div class="cap">微信里群众看到的 · {wechat.bytes} 字节{wechat.truncated ? <span class="warn">（超过 2048 字节，微信会截断到这里）</span> : null}</div>
        <div class="bubble" id="pv-wechat">{wechat.text}</div>
      </div>
      <div class="phone qq">
        <div class="cap">QQ 里群众看到的 · {qq.bytes} 字节</div>
        <div class="bubble" id="pv-qq">{qq.text}</div>
      </div>
    </div>
  );
}
