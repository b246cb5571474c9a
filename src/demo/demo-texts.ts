/**
 * Demo drafts written for this project (not taken from any source): a district policy on manufacturing in the
 * shape the "5+3" measures had — eight measures (一、…八、), each with three to five sub-measures (（一）…), some with
 * inline enumerations (一是……二是……). Four versions show what drafting does to a text between rounds: wording
 * edits, a new sub-measure, a measure moved, a sub-measure split in two, two merged into one, renumbering.
 */

interface Measure {
  title: string;
  subs: string[];
}

const TITLE = '关于实施“5+3”工程推动制造业高质量发展的若干措施';

const INTRO_V1 = '为推动本区制造业高质量发展，结合本区实际，制定如下措施。';
const INTRO_LATER =
  '为深入推动本区制造业高质量发展，坚持问题导向，聚焦企业培育、产业生态和外贸发展五个方面，强化空间、人才、服务三大支撑，结合本区实际，制定如下措施。';

function measures(version: 1 | 2 | 3 | 4): Measure[] {
  const leader: Measure = {
    title: '实施龙头企业引领工程',
    subs: [
      version >= 3
        ? '培育行业领军企业。对年营业收入首次突破一百亿元的企业给予一次性奖励，支持其牵头组建产业联盟。'
        : '培育行业领军企业。对年营业收入首次突破一百亿元的企业给予奖励。',
      '实施标准引领战略。支持企业主导或参与制定国际标准、国家标准和行业标准，按标准类别给予资助。',
      '引进总部型企业。对新引进的总部企业，按其对本区经济发展贡献给予落户奖励：一是给予办公用房租金补贴；二是优先保障产业用地；三是为高管人员提供子女入学便利。',
      ...(version >= 2 ? ['支持企业兼并重组。对企业并购产业链上下游企业的，按并购交易额的一定比例给予补贴。'] : []),
    ],
  };
  const backbone: Measure = {
    title: '实施骨干企业壮大工程',
    subs: [
      '支持企业扩产增效。对年度工业投资额超过五千万元的项目，按设备投资额给予补贴。',
      version >= 4
        ? '鼓励技术改造。对实施智能化、数字化、绿色化改造的企业，按改造投入给予不超过百分之二十的资助。'
        : '鼓励技术改造。对实施智能化改造的企业，按改造投入给予资助。',
      '支持企业上市。对在境内外证券交易所上市的企业，分阶段给予奖励。',
    ],
  };
  const special: Measure = {
    title: '实施专精特新企业培育工程',
    subs: [
      '建立梯度培育库。按创新型中小企业、专精特新中小企业、专精特新“小巨人”企业分级培育。',
      ...(version >= 3
        ? [
            '加大研发支持。对企业研发投入给予补贴，单个企业每年最高不超过五百万元。',
            '对新认定的国家级、省级创新平台给予配套资助。',
          ]
        : ['加大研发支持。对企业研发投入给予补贴，对新认定的国家级、省级创新平台给予配套资助。']),
      '强化知识产权保护。建立知识产权快速维权机制，对高价值专利给予奖励。',
    ],
  };
  const ecosystem: Measure = {
    title: '实施产业生态融通发展工程',
    subs: [
      '推动大中小企业融通。支持龙头企业向中小企业开放供应链、创新资源和应用场景。',
      '建设产业集群。围绕重点产业链，一是编制产业链图谱，二是开展精准招商，三是建立链长制工作机制。',
      '发展工业互联网。支持建设行业级工业互联网平台，推动企业上云用平台。',
    ],
  };
  const trade: Measure = {
    title: '实施外贸高质量发展工程',
    subs: [
      '优化进出口结构。支持高新技术产品和自主品牌产品出口。',
      '拓展国际市场。支持企业参加境外展会，对展位费给予补贴。',
      ...(version >= 4 ? ['发展跨境电子商务。支持建设跨境电商产业园和海外仓。'] : []),
    ],
  };
  const space: Measure = {
    title: '强化产业空间保障',
    subs: [
      '盘活存量用地。推进旧工业区连片改造，提高容积率。',
      version >= 2
        ? '建设高标准产业园区。由政府主导建设一批高标准厂房，以成本价租售给优质制造业企业。'
        : '建设产业园区。建设一批高标准厂房。',
      '稳定厂房租金。建立租金监测机制，遏制厂房租金不合理上涨。',
    ],
  };
  const talent: Measure = {
    title: '强化人才支撑',
    subs: [
      '引进高层次人才。对制造业企业引进的高层次人才给予住房和生活补贴。',
      ...(version >= 3
        ? ['培育技术技能人才。支持企业与职业院校共建实训基地，开展新型学徒制培训并给予培训补贴。']
        : ['培育技术技能人才。支持企业与职业院校共建实训基地。', '开展新型学徒制培训，给予培训补贴。']),
      '优化人才服务。为人才提供住房、医疗、子女教育等一站式服务。',
    ],
  };
  const service: Measure = {
    title: '强化企业服务保障',
    subs: [
      '完善挂点服务机制。区领导挂点联系重点企业，协调解决企业发展中的问题。',
      '加强金融支持。设立制造业发展基金，为中小企业提供贷款贴息和融资担保。',
      '营造公平竞争环境。清理妨碍公平竞争的规定和做法。',
      ...(version >= 4 ? ['建立政策兑现快速通道。推行免申即享，政策资金自受理之日起三十个工作日内拨付到位。'] : []),
    ],
  };
  // In the first drafts the trade measure stood after the service measure; from the 16th draft on it joins the
  // other four "5" measures.
  return version >= 3
    ? [leader, backbone, special, ecosystem, trade, space, talent, service]
    : [leader, backbone, special, ecosystem, space, talent, service, trade];
}

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function render(version: 1 | 2 | 3 | 4): string {
  const lines = [TITLE + (version === 4 ? '（讨论稿）' : ''), '', version === 1 ? INTRO_V1 : INTRO_LATER, ''];
  measures(version).forEach((m, i) => {
    lines.push(`${CN_NUMBERS[i]}、${m.title}`, '');
    m.subs.forEach((s, j) => lines.push(`（${CN_NUMBERS[j]}）${s}`, ''));
  });
  return lines.join('\n');
}

export const DEMO_DOCUMENT_TITLE = TITLE;

export const DEMO_VERSIONS: { label: string; stage: 'drafting' | 'consultation'; note: string; text: string }[] = [
  { label: '第一稿', stage: 'drafting', note: '起草组初稿。', text: render(1) },
  {
    label: '第八稿',
    stage: 'drafting',
    note: '根据专题研究意见，新增支持企业兼并重组条款，充实产业园区建设内容。',
    text: render(2),
  },
  {
    label: '第十六稿',
    stage: 'drafting',
    note: '根据各部门反馈意见修改：外贸措施调至第五项；研发支持拆分为两项；学徒制培训并入技能人才培育。',
    text: render(3),
  },
  {
    label: '讨论稿',
    stage: 'consultation',
    note: '经区委常委会审议后完善，提交党代表讨论。',
    text: render(4),
  },
];
