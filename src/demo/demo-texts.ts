/**
 * Demo drafts written for this project (not taken from any source): a district policy on manufacturing in the
 * shape the "5+3" measures had — eight measures (一、…八、), each with three to five sub-measures (（一）…), some with
 * inline enumerations (一是……二是……) — taken through sixteen drafts, the 讨论稿 released to the delegations and the
 * 修改稿 that follows their comments. Between drafts: wording edits, sub-measures added and deleted, one split in two,
 * two merged into one, the trade measure moved forward (renumbering every measure after it).
 */

interface Measure {
  title: string;
  subs: string[];
}

const TITLE = '关于实施“5+3”工程推动制造业高质量发展的若干措施';

/** Draft numbers: 1–16 are 第一稿 … 第十六稿, then the 讨论稿 and the 修改稿. */
export const DISCUSSION = 17;
export const REVISION = 18;

const INTRO_V1 = '为推动本区制造业高质量发展，结合本区实际，制定如下措施。';
const INTRO_LATER =
  '为深入推动本区制造业高质量发展，坚持问题导向，聚焦企业培育、产业生态和外贸发展五个方面，强化空间、人才、服务三大支撑，结合本区实际，制定如下措施。';

function measures(v: number): Measure[] {
  const leader: Measure = {
    title: '实施龙头企业引领工程',
    subs: [
      v >= REVISION
        ? '培育行业领军企业。对年营业收入首次突破一百亿元的企业给予最高一千万元的一次性奖励，支持其牵头组建产业联盟。'
        : v >= 16
          ? '培育行业领军企业。对年营业收入首次突破一百亿元的企业给予一次性奖励，支持其牵头组建产业联盟。'
          : '培育行业领军企业。对年营业收入首次突破一百亿元的企业给予奖励。',
      '实施标准引领战略。支持企业主导或参与制定国际标准、国家标准和行业标准，按标准类别给予资助。',
      v >= 12
        ? '引进总部型企业。对新引进的总部企业，按其落户后三年内对本区经济发展的贡献给予落户奖励：一是给予办公用房租金补贴；二是优先保障产业用地；三是为高管人员提供子女入学便利。'
        : '引进总部型企业。对新引进的总部企业，按其对本区经济发展贡献给予落户奖励：一是给予办公用房租金补贴；二是优先保障产业用地；三是为高管人员提供子女入学便利。',
      ...(v >= 2 ? ['支持企业兼并重组。对企业并购产业链上下游企业的，按并购交易额的一定比例给予补贴。'] : []),
    ],
  };
  const backbone: Measure = {
    title: '实施骨干企业壮大工程',
    subs: [
      '支持企业扩产增效。对年度工业投资额超过五千万元的项目，按设备投资额给予补贴。',
      v >= DISCUSSION
        ? '鼓励技术改造。对实施智能化、数字化、绿色化改造的企业，按改造投入给予不超过百分之二十的资助。'
        : v >= 7
          ? '鼓励技术改造。对实施智能化、数字化、绿色化改造的企业，按改造投入给予资助。'
          : '鼓励技术改造。对实施智能化改造的企业，按改造投入给予资助。',
      '支持企业上市。对在境内外证券交易所上市的企业，分阶段给予奖励。',
    ],
  };
  const special: Measure = {
    title: '实施专精特新企业培育工程',
    subs: [
      '建立梯度培育库。按创新型中小企业、专精特新中小企业、专精特新“小巨人”企业分级培育。',
      ...(v >= 6
        ? [
            '加大研发支持。对企业研发投入给予补贴，单个企业每年最高不超过五百万元。',
            '支持创新平台建设。对新认定的国家级、省级创新平台给予配套资助。',
          ]
        : ['加大研发支持。对企业研发投入给予补贴，对新认定的国家级、省级创新平台给予配套资助。']),
      '强化知识产权保护。建立知识产权快速维权机制，对高价值专利给予奖励。',
    ],
  };
  const ecosystem: Measure = {
    title: '实施产业生态融通发展工程',
    subs: [
      '推动大中小企业融通。支持龙头企业向中小企业开放供应链、创新资源和应用场景。',
      v >= 11
        ? '建设产业集群。围绕重点产业链，一是编制产业链图谱，二是开展精准招商，三是建立链长制工作机制，四是建设产业公共服务平台。'
        : '建设产业集群。围绕重点产业链，一是编制产业链图谱，二是开展精准招商，三是建立链长制工作机制。',
      '发展工业互联网。支持建设行业级工业互联网平台，推动企业上云用平台。',
    ],
  };
  const trade: Measure = {
    title: '实施外贸高质量发展工程',
    subs: [
      '优化进出口结构。支持高新技术产品和自主品牌产品出口。',
      v >= 15
        ? '拓展国际市场。支持企业参加境外展会，对展位费和特装费给予补贴。'
        : '拓展国际市场。支持企业参加境外展会，对展位费给予补贴。',
      ...(v >= 14 ? ['发展跨境电子商务。支持建设跨境电商产业园和海外仓。'] : []),
    ],
  };
  const space: Measure = {
    title: '强化产业空间保障',
    subs: [
      '盘活存量用地。推进旧工业区连片改造，提高容积率。',
      v >= 3
        ? '建设高标准产业园区。由政府主导建设一批高标准厂房，以成本价租售给优质制造业企业。'
        : '建设产业园区。建设一批高标准厂房。',
      v >= REVISION
        ? '稳定厂房租金。建立租金监测机制，遏制厂房租金不合理上涨，对政府主导建设的厂房实行租金涨幅上限管理。'
        : '稳定厂房租金。建立租金监测机制，遏制厂房租金不合理上涨。',
    ],
  };
  const talent: Measure = {
    title: '强化人才支撑',
    subs: [
      v >= 9
        ? '引进高层次人才。对制造业企业引进的高层次人才给予住房和生活补贴，符合条件的纳入区人才安居保障。'
        : '引进高层次人才。对制造业企业引进的高层次人才给予住房和生活补贴。',
      ...(v >= 8
        ? ['培育技术技能人才。支持企业与职业院校共建实训基地，开展新型学徒制培训并给予培训补贴。']
        : ['培育技术技能人才。支持企业与职业院校共建实训基地。', '开展新型学徒制培训，给予培训补贴。']),
      '优化人才服务。为人才提供住房、医疗、子女教育等一站式服务。',
    ],
  };
  const service: Measure = {
    title: '强化企业服务保障',
    subs: [
      '完善挂点服务机制。区领导挂点联系重点企业，协调解决企业发展中的问题。',
      v >= 5
        ? '加强金融支持。设立制造业发展基金，为中小企业提供贷款贴息、融资担保和应急转贷服务。'
        : '加强金融支持。设立制造业发展基金，为中小企业提供贷款贴息和融资担保。',
      ...(v >= 13 ? [] : ['营造公平竞争环境。清理妨碍公平竞争的规定和做法。']),
      ...(v >= 4 ? ['建立政策兑现快速通道。推行免申即享，政策资金自受理之日起三十个工作日内拨付到位。'] : []),
    ],
  };
  // In the early drafts the trade measure stood last; from the tenth draft on it joins the other four "5" measures.
  return v >= 10
    ? [leader, backbone, special, ecosystem, trade, space, talent, service]
    : [leader, backbone, special, ecosystem, space, talent, service, trade];
}

const CN_NUMBERS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
];

function render(v: number): string {
  const suffix = v === DISCUSSION ? '（讨论稿）' : v === REVISION ? '（修改稿）' : '';
  const lines = [TITLE + suffix, '', v >= 4 ? INTRO_LATER : INTRO_V1, ''];
  measures(v).forEach((m, i) => {
    lines.push(`${CN_NUMBERS[i]}、${m.title}`, '');
    m.subs.forEach((s, j) => lines.push(`（${CN_NUMBERS[j]}）${s}`, ''));
  });
  return lines.join('\n');
}

export const DEMO_DOCUMENT_TITLE = TITLE;

/** What each draft changed, as the drafting group noted it (a note names a sub-measure by the words it opens with). */
const NOTES: Record<number, string> = {
  1: '起草组初稿。',
  2: '根据专题研究意见，新增“支持企业兼并重组”。',
  3: '充实“建设高标准产业园区”的内容。',
  4: '根据区委政研室意见充实序言，新增“建立政策兑现快速通道”。',
  5: '根据区金融工作局意见，“加强金融支持”增加应急转贷服务。',
  6: '根据区科创局意见，将“加大研发支持”拆分为两项，单列“支持创新平台建设”。',
  7: '根据区工信局意见，“鼓励技术改造”增加数字化、绿色化改造。',
  8: '学徒制培训并入“培育技术技能人才”。',
  9: '根据区人才工作局意见修改人才安居内容。',
  10: '外贸措施调至第五项，其后措施序号相应调整；本稿送第一代表团座谈征求意见。',
  11: '根据第一代表团座谈意见修改。',
  12: '根据第一代表团座谈意见修改。',
  13: '删除“营造公平竞争环境”，相关内容由区市场监管局另行发文。',
  14: '新增“发展跨境电子商务”。',
  15: '文字修改。',
  16: '根据各部门反馈意见修改，提交区委常委会审议。',
  17: '经区委常委会审议后完善，提交党代表讨论。',
  18: '根据党代表讨论意见修改。',
};

const LABELS = [...CN_NUMBERS.map((n) => `第${n}稿`), '讨论稿', '修改稿'];

export const DEMO_VERSIONS: { label: string; stage: 'drafting' | 'consultation'; note: string; text: string }[] =
  LABELS.map((label, i) => ({
    label,
    stage: i + 1 === DISCUSSION ? 'consultation' : 'drafting',
    note: NOTES[i + 1],
    text: render(i + 1),
  }));
