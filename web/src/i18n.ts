/** A small dictionary: Chinese by default, English on request. `t(key, vars)` fills {name} placeholders. */
export type Lang = 'zh' | 'en';

const zh = {
  'app.title': '起草与征求意见', 'app.skip': '跳到正文', 'lang.switch': 'English', 'nav.documents': '文件', 'nav.drafts': '征求意见稿',
  'nav.mine': '我的意见', 'nav.admin': '用户与分组', 'nav.logout': '退出登录', 'loading': '正在加载…', 'retry': '重试', 'cancel': '取消',
  'save': '保存', 'close': '关闭', 'back': '返回',
  'login.title': '登录', 'login.username': '用户名', 'login.password': '密码', 'login.submit': '登录', 'login.busy': '正在登录…',
  'err.network': '无法连接服务器，请检查网络后重试。', 'err.401': '登录已失效，请重新登录。', 'err.403': '你没有权限进行此操作，如需权限请联系起草组或管理员。',
  'err.404': '找不到该内容，可能已被删除，请返回列表重新选择。', 'err.413': '内容太长，请删减后再提交。', 'err.422': '请按提示修改后再提交。',
  'err.500': '服务器出错，请稍后重试；如果反复出现，请联系管理员。',
  'drafts.title': '发给我的征求意见稿', 'drafts.none': '目前没有发给你的征求意见稿。', 'drafts.deadline': '截止 {date}', 'drafts.opens': '{date} 开始征求意见',
  'drafts.read': '阅读并提意见', 'window.closed': '本轮征求意见已于 {date} 结束，意见已不再接收。你仍可阅读稿件和查看你的意见处理情况。',
  'window.notyet': '本轮征求意见将于 {date} 开始，届时即可提交意见。现在可以先阅读稿件。', 'window.open': '征求意见进行中，截止 {date}。',
  'reader.outline': '目录', 'reader.showOutline': '显示目录', 'reader.comment': '提意见', 'reader.commentSel': '对所选文字提意见',
  'reader.comments': '{n} 条意见', 'reader.rendering': '正在显示条款 {done}/{total}', 'reader.clauses': '{n} 个条款',
  'reader.viewComments': '查看意见', 'reader.hideComments': '收起意见', 'reader.noComments': '暂无可见意见。',
  'form.kind': '意见类型', 'form.body': '意见内容', 'form.suggestion': '建议修改为（可选）', 'form.quote': '针对文字', 'form.count': '{n}/{limit} 字', 'form.tooLong': '已有 {n} 字，超过 {limit} 字的上限，请删减后再提交。', 'form.submit': '提交意见',
  'form.busy': '正在提交…', 'form.sent': '意见已提交。', 'form.required': '请填写意见内容。',
  'kind.amend': '修改', 'kind.add': '增加', 'kind.delete': '删除', 'kind.remark': '其他意见',
  'outcome.adopted': '采纳', 'outcome.partly_adopted': '部分采纳', 'outcome.not_adopted': '不予采纳', 'outcome.already_covered': '已体现', 'outcome.under_study': '留待研究',
  'outcome.none': '待处理', 'anchor.exact': '原位', 'anchor.shifted': '已移位', 'anchor.fuzzy': '近似定位', 'anchor.clause': '已转为整条', 'anchor.orphaned': '原条款已删除',
  'mine.title': '我的意见', 'mine.none': '你还没有提交意见。', 'mine.now': '现在位置：{where}', 'mine.removed': '该条款在最新稿中已删除',
  'mine.decision': '处理结果', 'mine.reason': '理由', 'mine.replies': '回复', 'mine.pending': '起草组尚未处理。', 'mine.withdrawnNote': '已撤回，起草组不再处理。', 'comment.suggestion': '建议修改为',
  'docs.title': '文件', 'docs.new': '新建文件', 'docs.name': '文件标题', 'docs.create': '创建', 'docs.none': '还没有文件，请先新建一个。',
  'docs.versions': '{n} 稿', 'timeline.title': '版本', 'timeline.by': '{who} · {when}', 'timeline.basedOn': '基于第 {n} 版',
  'timeline.compare': '与上一稿比较', 'timeline.alignment': '条款对应', 'timeline.read': '阅读', 'timeline.board': '意见', 'timeline.consult': '发起征求意见',
  'add.title': '添加新稿', 'add.paste': '粘贴文本', 'add.upload': '上传文件（.docx / .md / .txt）', 'add.label': '稿名（如 第十六稿）', 'add.stage': '阶段',
  'add.note': '修改说明', 'add.format': '格式', 'add.submit': '添加', 'add.busy': '正在解析并对齐条款…', 'job.carrying': '正在把意见带入第 {n} 版：{done}/{total}', 'job.done': '已把 {total} 条意见带入第 {n} 版。', 'job.failed': '把意见带入第 {n} 版时出错，请联系管理员（详情见服务日志）。', 'add.done': '已添加 {label}：{summary}',
  'add.needText': '请粘贴文本或选择一个文件。', 'stage.drafting': '起草中', 'stage.consultation': '征求意见', 'stage.final': '定稿',
  'align.title': '条款对应：第 {n} 版 ← 第 {b} 版', 'align.none': '这是第一版，没有可对应的上一版。', 'align.from': '上一版条款', 'align.to': '本版条款',
  'align.kind': '关系', 'align.score': '相似度', 'align.fix': '更正', 'align.isNew': '（新增条款）', 'hist.link': '本条沿革', 'hist.title': '本条沿革：{path}', 'hist.timeline': '历次修改',
  'hist.blame': '现行表述出自哪一稿', 'hist.behind': '{label}采纳的意见', 'hist.noComments': '这一稿的修改没有对应的已采纳意见。', 'align.isDeleted': '（已删除）', 'align.saved': '已更正。', 'align.source': '来源',
  'align.unmatched': '本版新增条款', 'kindEdge.continue': '延续', 'kindEdge.split': '拆分', 'kindEdge.merge': '合并',
  'cmp.title': '版本比较', 'cmp.from': '原稿', 'cmp.to': '修改稿', 'cmp.run': '比较', 'cmp.side': '左右对照', 'cmp.inline': '行内标注',
  'cmp.prev': '上一处修改', 'cmp.next': '下一处修改', 'cmp.docx': '下载修改前后对照表', 'cmp.busy': '正在比较…', 'cmp.none': '两稿没有差异。',
  'cmp.pos': '第 {i}/{n} 处', 'cmp.rendering': '正在显示 {done}/{total} 处修改',
  'type.unchanged': '未改', 'type.modified': '修改', 'type.references': '引用序号调整', 'type.renumbered': '重新编号', 'type.moved': '移动', 'type.added': '新增', 'type.deleted': '删除',
  'type.split': '拆分', 'type.merged': '合并',
  'cons.title': '征求意见', 'cons.open': '发起征求意见', 'cons.version': '稿件版本', 'cons.opensAt': '开始时间', 'cons.closesAt': '截止时间',
  'cons.audience': '征求对象', 'cons.all': '全体代表', 'cons.groups': '指定代表团', 'cons.visibility': '意见可见范围', 'cons.vis.drafters': '仅起草组可见',
  'cons.vis.participants': '参与者互相可见', 'cons.close': '结束征求意见', 'cons.silent': '尚未提意见', 'cons.allDone': '所有人都已提交意见。',
  'cons.none': '还没有征求意见。', 'cons.report': '下载意见采纳情况汇总表', 'cons.status.open': '进行中', 'cons.status.closed': '已结束', 'cons.status.scheduled': '未开始',
  'board.title': '意见处理：{label}', 'board.filters': '筛选', 'board.all': '全部', 'board.group': '代表团', 'board.status': '定位情况', 'board.decision': '处理结果',
  'board.selected': '已选 {n} 条', 'board.decide': '批量处理', 'board.reason': '理由', 'board.reasonNeeded': '请填写理由，代表会看到它。', 'board.apply': '确定',
  'board.none': '没有符合条件的意见。', 'board.reply': '回复', 'board.send': '发送', 'board.similar': '{n} 条相近意见', 'board.selectAll': '全选此条',
  'board.decided': '已处理 {n} 条意见。', 'board.heat': '意见分布', 'board.carriedIn': '在第几版落实（可选）', 'board.reopen': '重新处理', 'board.reopenReason': '重新处理的理由',
  'own.decided': '起草组已处理这条意见，不能再修改或撤回；如有补充，可以在下方回复。', 'outcome.reopened': '重新处理',
  'admin.users': '用户', 'admin.groups': '代表团与部门', 'admin.import': 'CSV 批量导入', 'admin.csvHelp': '第一行为表头 username,displayName,role,group,password，其后每行一个用户（全部成功或全部不导入）',
  'admin.role': '角色', 'admin.displayName': '姓名', 'admin.group': '所属', 'admin.imported': '已导入 {n} 个用户。',
  'role.admin': '管理员', 'role.drafter': '起草组', 'role.delegate': '代表', 'none': '无',
  'ver.n': '第 {n} 版', 'ver.labelled': '{label}（第 {n} 版）', 'nav.main': '主导航', 'cmp.summary': '修改概况', 'add.fmt.text': '纯文本', 'add.fmt.markdown': 'Markdown',
  'add.same': '与上一版相同', 'sum.unchanged': '未改 {n} 条', 'sum.renumbered': '重新编号 {n} 条', 'sum.modified': '修改 {n} 条', 'sum.references': '引用序号随之调整 {n} 条',
  'add.warnings': '请核对以下引用：', 'cmp.refOp': '引用的条文序号随条文顺序调整',
  'sum.moved': '移动 {n} 条', 'sum.added': '新增 {n} 条', 'sum.deleted': '删除 {n} 条', 'sum.split': '拆分 {n} 处', 'sum.merged': '合并 {n} 处',
  'group.kind': '类型', 'group.delegation': '代表团', 'group.department': '部门', 'admin.groupName': '代表团或部门名称', 'admin.addGroup': '添加分组', 'admin.addUser': '添加用户',
  'align.rendering': '正在显示条款 {done}/{total}',
  'own.edit': '修改', 'own.save': '保存修改', 'own.saved': '已保存修改，原表述保留在修改记录中。', 'own.withdraw': '撤回',
  'own.confirmText': '撤回后起草组将不再处理这条意见，且不能恢复。确定撤回吗？', 'own.confirm': '确认撤回', 'own.withdrawn': '已撤回',
  'own.history': '查看修改记录', 'own.hideHistory': '收起修改记录', 'own.historyTitle': '此前的表述', 'own.replaced': '{when} 前的表述',
  'thread.show': '展开讨论', 'thread.hide': '收起讨论', 'thread.none': '还没有回复。', 'thread.decisions': '处理记录', 'thread.by': '{who} 于 {when}',
  'anchor.label': '定位：{label}', 'anchor.score': '匹配度 {pct}%',
  'admin.status': '状态', 'admin.actions': '操作', 'admin.active': '正常', 'admin.disabled': '已停用', 'admin.disable': '停用', 'admin.enable': '启用',
  'admin.disableNamed': '停用 {name}', 'admin.enableNamed': '启用 {name}', 'admin.editNamed': '编辑 {name}', 'admin.editUser': '编辑用户 {name}',
  'admin.disabledDone': '已停用 {name}，其登录已全部失效。', 'admin.enabled': '已启用 {name}。', 'admin.saved': '已保存 {name} 的修改。',
  'admin.newPassword': '新密码', 'admin.resetPassword': '重置密码', 'admin.passwordReset': '已重置 {name} 的密码，其登录已全部失效。',
  'admin.passwordRules': '密码至少 10 个字符，不能是常见密码，不能包含用户名。', 'admin.rightsHint': '修改角色或所属后，该用户需要重新登录。',
  'err.tooMany': '登录失败次数过多，请 {n} 秒后再试。',
  'nav.menu': '菜单', 'reader.skipClauses': '跳过目录，到条款', 'reader.commentPart': '对部分文字提意见', 'reader.sent': '意见已提交：{where}',
  'reader.actionsHint': '显示对本条的操作', 'form.passage': '选择要提意见的句子', 'form.passageHint': '可选一句或几句；选了不相邻的句子时，针对从第一句到最后一句的文字。',
  'form.needPassage': '请至少选择一句。',
  'prop.generate': '生成修改稿', 'prop.title': '修改稿：据{label}采纳的意见', 'prop.busy': '正在生成修改稿…', 'prop.applied': '已写入 {n} 条意见的建议',
  'prop.conflicts': '冲突：以下建议涉及相同文字，均未写入，请选定后在下方修改', 'prop.conflictAt': '{path}：“{quote}”', 'prop.wholeClause': '整条', 'prop.deletion': '（删除）',
  'prop.skipped': '未写入的意见', 'prop.diff': '与{label}比较', 'prop.edit': '修改稿全文（可直接修改）', 'prop.implements': '本稿落实的意见（保存后记入处理结果）',
  'prop.save': '保存为第 {n} 稿', 'prop.saved': '已保存为{label}，{n} 条意见记为在本稿落实。', 'prop.compare': '查看与上一稿的比较', 'prop.none': '请先在意见列表中勾选意见。',
  'prop.suggestion': '{kind}：{wording}', 'cmp.revisions': '下载 Word 修订稿', 'hist.implemented': '在本稿落实的意见',
} as const;

export type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'app.title': 'Drafts & consultation', 'app.skip': 'Skip to content', 'lang.switch': '中文', 'nav.documents': 'Documents', 'nav.drafts': 'Drafts for comment',
  'nav.mine': 'My comments', 'nav.admin': 'Users & groups', 'nav.logout': 'Log out', 'loading': 'Loading…', 'retry': 'Retry', 'cancel': 'Cancel',
  'save': 'Save', 'close': 'Close', 'back': 'Back',
  'login.title': 'Log in', 'login.username': 'Username', 'login.password': 'Password', 'login.submit': 'Log in', 'login.busy': 'Logging in…',
  'err.network': 'Cannot reach the server. Check your connection and try again.', 'err.401': 'Your session has ended; please log in again.',
  'err.403': 'You are not allowed to do this; ask the drafting group or an administrator.', 'err.404': 'Not found; it may have been removed. Go back and choose again.',
  'err.413': 'Too long; shorten it and submit again.', 'err.422': 'Correct the input as described and submit again.',
  'err.500': 'Server error; try again later, and tell an administrator if it keeps happening.',
  'drafts.title': 'Drafts released to me', 'drafts.none': 'No drafts have been released to you.', 'drafts.deadline': 'Closes {date}', 'drafts.opens': 'Opens {date}',
  'drafts.read': 'Read and comment', 'window.closed': 'This consultation closed on {date}; comments are no longer accepted. You can still read the draft and follow your comments.',
  'window.notyet': 'This consultation opens on {date}; you can comment from then. You can read the draft now.', 'window.open': 'Consultation open until {date}.',
  'reader.outline': 'Outline', 'reader.showOutline': 'Show outline', 'reader.comment': 'Comment', 'reader.commentSel': 'Comment on selection',
  'reader.comments': 'one:{n} comment|other:{n} comments', 'reader.rendering': 'Showing clauses {done}/{total}', 'reader.clauses': 'one:{n} clause|other:{n} clauses',
  'reader.viewComments': 'Show comments', 'reader.hideComments': 'Hide comments', 'reader.noComments': 'No visible comments.',
  'form.kind': 'Kind', 'form.body': 'Comment', 'form.suggestion': 'Proposed wording (optional)', 'form.quote': 'On the words', 'form.count': '{n}/{limit} characters', 'form.tooLong': '{n} characters: over the limit of {limit}; shorten it before submitting.', 'form.submit': 'Submit comment',
  'form.busy': 'Submitting…', 'form.sent': 'Comment submitted.', 'form.required': 'Please write your comment.',
  'kind.amend': 'Amend', 'kind.add': 'Add', 'kind.delete': 'Delete', 'kind.remark': 'Remark',
  'outcome.adopted': 'Adopted', 'outcome.partly_adopted': 'Partly adopted', 'outcome.not_adopted': 'Not adopted', 'outcome.already_covered': 'Already covered',
  'outcome.under_study': 'Under study', 'outcome.none': 'Pending', 'anchor.exact': 'In place', 'anchor.shifted': 'Moved with the text', 'anchor.fuzzy': 'Found approximately',
  'anchor.clause': 'Now on the whole clause', 'anchor.orphaned': 'Clause removed',
  'mine.title': 'My comments', 'mine.none': 'You have not commented yet.', 'mine.now': 'Now at: {where}', 'mine.removed': 'This clause was removed in the latest draft',
  'mine.decision': 'Decision', 'mine.reason': 'Reason', 'mine.replies': 'Replies', 'mine.pending': 'Not decided yet.', 'mine.withdrawnNote': 'Withdrawn; the drafting group will not consider it.', 'comment.suggestion': 'Proposed wording',
  'docs.title': 'Documents', 'docs.new': 'New document', 'docs.name': 'Title', 'docs.create': 'Create', 'docs.none': 'No documents yet; create one first.',
  'docs.versions': 'one:{n} version|other:{n} versions', 'timeline.title': 'Versions', 'timeline.by': '{who} · {when}', 'timeline.basedOn': 'based on v{n}',
  'timeline.compare': 'Compare with previous', 'timeline.alignment': 'Alignment', 'timeline.read': 'Read', 'timeline.board': 'Comments', 'timeline.consult': 'Open consultation',
  'add.title': 'Add a version', 'add.paste': 'Paste text', 'add.upload': 'Upload a file (.docx / .md / .txt)', 'add.label': 'Label (e.g. 第十六稿)', 'add.stage': 'Stage',
  'add.note': 'What changed', 'add.format': 'Format', 'add.submit': 'Add', 'add.busy': 'Parsing and aligning clauses…', 'job.carrying': 'Carrying comments into version {n}: {done}/{total}', 'job.done': 'Carried {total} comments into version {n}.', 'job.failed': 'Carrying comments into version {n} failed; tell an administrator (details are in the service log).', 'add.done': 'Added {label}: {summary}',
  'add.needText': 'Paste some text or choose a file.', 'stage.drafting': 'Drafting', 'stage.consultation': 'Consultation', 'stage.final': 'Final',
  'align.title': 'Alignment: v{n} ← v{b}', 'align.none': 'This is the first version; there is nothing to align with.', 'align.from': 'Previous clause', 'align.to': 'This clause',
  'align.kind': 'Relation', 'align.score': 'Similarity', 'align.fix': 'Correct', 'align.isNew': '(new clause)', 'hist.link': 'History of this clause', 'hist.title': 'History: {path}', 'hist.timeline': 'Changes by draft',
  'hist.blame': 'Which draft wrote these words', 'hist.behind': 'Comments adopted in {label}', 'hist.noComments': 'No adopted comment is behind this draft\'s change.', 'align.isDeleted': '(deleted)', 'align.saved': 'Corrected.', 'align.source': 'Source',
  'align.unmatched': 'New clauses in this version', 'kindEdge.continue': 'continues', 'kindEdge.split': 'split', 'kindEdge.merge': 'merged',
  'cmp.title': 'Compare versions', 'cmp.from': 'From', 'cmp.to': 'To', 'cmp.run': 'Compare', 'cmp.side': 'Side by side', 'cmp.inline': 'Inline',
  'cmp.prev': 'Previous change', 'cmp.next': 'Next change', 'cmp.docx': 'Download comparison table', 'cmp.busy': 'Comparing…', 'cmp.none': 'No differences.',
  'cmp.pos': 'Change {i}/{n}', 'cmp.rendering': 'Showing changes {done}/{total}',
  'type.unchanged': 'Unchanged', 'type.modified': 'Modified', 'type.references': 'References renumbered', 'type.renumbered': 'Renumbered', 'type.moved': 'Moved', 'type.added': 'Added', 'type.deleted': 'Deleted',
  'type.split': 'Split', 'type.merged': 'Merged',
  'cons.title': 'Consultations', 'cons.open': 'Open a consultation', 'cons.version': 'Version', 'cons.opensAt': 'Opens', 'cons.closesAt': 'Closes',
  'cons.audience': 'Who may comment', 'cons.all': 'All delegates', 'cons.groups': 'Chosen groups', 'cons.visibility': 'Who sees comments', 'cons.vis.drafters': 'Drafting group only',
  'cons.vis.participants': 'All participants', 'cons.close': 'Close consultation', 'cons.silent': 'Not commented yet', 'cons.allDone': 'Everyone has commented.',
  'cons.none': 'No consultations yet.', 'cons.report': 'Download disposition report', 'cons.status.open': 'Open', 'cons.status.closed': 'Closed', 'cons.status.scheduled': 'Not open yet',
  'board.title': 'Comments on {label}', 'board.filters': 'Filters', 'board.all': 'All', 'board.group': 'Group', 'board.status': 'Anchor status', 'board.decision': 'Decision',
  'board.selected': '{n} selected', 'board.decide': 'Decide selected', 'board.reason': 'Reason', 'board.reasonNeeded': 'Give a reason; the delegate will see it.', 'board.apply': 'Apply',
  'board.none': 'No comments match.', 'board.reply': 'Reply', 'board.send': 'Send', 'board.similar': 'one:{n} similar comment|other:{n} similar comments', 'board.selectAll': 'Select all on this clause',
  'board.decided': 'one:Decided {n} comment.|other:Decided {n} comments.', 'board.heat': 'Comment heat map', 'board.carriedIn': 'Carried out in version (optional)', 'board.reopen': 'Reopen', 'board.reopenReason': 'Why reopen',
  'own.decided': 'The drafting group has decided on this comment, so it can no longer be edited or withdrawn; you can still reply below.', 'outcome.reopened': 'Reopened',
  'admin.users': 'Users', 'admin.groups': 'Delegations & departments', 'admin.import': 'CSV import', 'admin.csvHelp': 'First line the header username,displayName,role,group,password, then one user per line (all or none)',
  'admin.role': 'Role', 'admin.displayName': 'Name', 'admin.group': 'Group', 'admin.imported': 'one:Imported {n} user.|other:Imported {n} users.',
  'role.admin': 'Administrator', 'role.drafter': 'Drafting group', 'role.delegate': 'Delegate', 'none': 'None',
  'ver.n': 'v{n}', 'ver.labelled': '{label} (v{n})', 'nav.main': 'Main', 'cmp.summary': 'Summary of changes', 'add.fmt.text': 'Plain text', 'add.fmt.markdown': 'Markdown',
  'add.same': 'same as the previous version', 'sum.unchanged': '{n} unchanged', 'sum.renumbered': '{n} renumbered', 'sum.modified': '{n} edited', 'sum.references': '{n} with references renumbered',
  'add.warnings': 'Check these references:', 'cmp.refOp': 'a reference that followed the renumbering',
  'sum.moved': '{n} moved', 'sum.added': '{n} added', 'sum.deleted': '{n} deleted', 'sum.split': '{n} split', 'sum.merged': '{n} merged',
  'group.kind': 'Kind', 'group.delegation': 'Delegation', 'group.department': 'Department', 'admin.groupName': 'Delegation or department name', 'admin.addGroup': 'Add group', 'admin.addUser': 'Add a user',
  'align.rendering': 'Showing clauses {done}/{total}',
  'own.edit': 'Edit', 'own.save': 'Save changes', 'own.saved': 'Saved; the earlier wording is kept in the history.', 'own.withdraw': 'Withdraw',
  'own.confirmText': 'Once withdrawn, the drafting group will no longer consider this comment, and it cannot be restored. Withdraw it?', 'own.confirm': 'Yes, withdraw', 'own.withdrawn': 'Withdrawn',
  'own.history': 'Show history', 'own.hideHistory': 'Hide history', 'own.historyTitle': 'Earlier wording', 'own.replaced': 'Wording until {when}',
  'thread.show': 'Show thread', 'thread.hide': 'Hide thread', 'thread.none': 'No replies yet.', 'thread.decisions': 'Decisions', 'thread.by': '{who} on {when}',
  'anchor.label': 'Anchor: {label}', 'anchor.score': 'match {pct}%',
  'admin.status': 'Status', 'admin.actions': 'Actions', 'admin.active': 'Active', 'admin.disabled': 'Disabled', 'admin.disable': 'Disable', 'admin.enable': 'Enable',
  'admin.disableNamed': 'Disable {name}', 'admin.enableNamed': 'Enable {name}', 'admin.editNamed': 'Edit {name}', 'admin.editUser': 'Edit user {name}',
  'admin.disabledDone': 'Disabled {name}; all their sessions have ended.', 'admin.enabled': 'Enabled {name}.', 'admin.saved': 'Saved the changes to {name}.',
  'admin.newPassword': 'New password', 'admin.resetPassword': 'Reset password', 'admin.passwordReset': 'Reset the password of {name}; all their sessions have ended.',
  'admin.passwordRules': 'At least 10 characters; not a common password; not containing the user name.', 'admin.rightsHint': 'After a change of role or group the user must log in again.',
  'err.tooMany': 'Too many failed logins; try again in {n} seconds.',
  'nav.menu': 'Menu', 'reader.skipClauses': 'Skip the outline to the clauses', 'reader.commentPart': 'Comment on part of the text', 'reader.sent': 'Comment submitted: {where}',
  'reader.actionsHint': 'Show the actions for this clause', 'form.passage': 'Choose the sentences to comment on', 'form.passageHint': 'One sentence or several; sentences that are not next to each other quote everything from the first to the last.',
  'form.needPassage': 'Choose at least one sentence.',
  'prop.generate': 'Draft from suggestions', 'prop.title': 'Next draft from comments adopted on {label}', 'prop.busy': 'Applying the suggestions…', 'prop.applied': 'one:Applied {n} suggestion|other:Applied {n} suggestions',
  'prop.conflicts': 'Conflicts: these suggestions touch the same words; none was applied — choose and edit below', 'prop.conflictAt': '{path}: “{quote}”', 'prop.wholeClause': 'whole clause', 'prop.deletion': '(delete)',
  'prop.skipped': 'Not applied', 'prop.diff': 'Compared with {label}', 'prop.edit': 'Full text of the new draft (edit freely)', 'prop.implements': 'Comments this draft carries out (recorded in their decisions)',
  'prop.save': 'Save as draft {n}', 'prop.saved': 'Saved as {label}; {n} comments recorded as carried out in it.', 'prop.compare': 'Compare with the previous draft', 'prop.none': 'Select comments on the board first.',
  'prop.suggestion': '{kind}: {wording}', 'cmp.revisions': 'Download Word tracked changes', 'hist.implemented': 'Comments carried out in this draft',
};

let lang: Lang = (localStorage.getItem('draftline.lang') as Lang) === 'en' ? 'en' : 'zh';
const listeners = new Set<() => void>();

export const getLang = () => lang;
export function setLang(l: Lang) {
  lang = l;
  localStorage.setItem('draftline.lang', l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((fn) => fn());
}
export const onLangChange = (fn: () => void) => (listeners.add(fn), () => void listeners.delete(fn));

/**
 * `t(key, vars)`: the text in the current language with {name} placeholders filled. A text may come in plural forms,
 * "one:{n} comment|other:{n} comments", chosen for `vars.n` by the language's own rules (Intl.PluralRules).
 */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  let s: string = (lang === 'en' ? en : zh)[key] ?? key;
  if (s.includes('|') && /^\w+:/.test(s)) {
    const forms = new Map(s.split('|').map((f) => [f.slice(0, f.indexOf(':')), f.slice(f.indexOf(':') + 1)] as const));
    const category = new Intl.PluralRules(lang === 'zh' ? 'zh-CN' : 'en').select(Number(vars.n ?? 0));
    s = forms.get(category) ?? forms.get('other') ?? s;
  }
  return s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

export const fmtDate = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '';
