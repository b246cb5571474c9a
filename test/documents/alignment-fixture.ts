/** Two drafts whose alignment holds every kind of lineage (written for these tests). */
const doc = (...articles: string[]) =>
  ['关于促进制造业发展的若干规定', '', ...articles.flatMap((a, i) => [`第${'一二三四五六七八九'[i]}条 ${a}`, ''])].join(
    '\n',
  );

const GENERAL = '为了促进本区制造业高质量发展，增强产业竞争力，根据有关法律法规，结合本区实际，制定本规定。';
const REWARD = '对新引进的制造业企业，按照其实际到位投资额给予一次性落户奖励，最高不超过一千万元。';
const UPGRADE = '对企业实施的技术改造项目，按照设备投资额的百分之十给予补贴，单个项目最高五百万元。';
const FUND = '区财政每年安排制造业发展专项资金，用于支持企业技术创新和产业链配套。';
const FUND_USE = '专项资金由区工业和信息化部门会同财政部门管理，实行项目库管理和绩效评价。';
const LISTING = '鼓励制造业企业在境内外资本市场上市融资，对完成上市的企业给予分阶段奖励。';
const INTERPRET = '本规定由区工业和信息化局负责解释，具体实施细则另行制定。';
const START = '本规定自发布之日起施行，有效期五年。';

export const ALIGN_V1 = doc(GENERAL, `${REWARD}${UPGRADE}`, FUND, FUND_USE, LISTING, INTERPRET, START);
// listing moves to the front, reward and upgrade are split, the fund articles merged, interpretation deleted
export const ALIGN_V2 = doc(LISTING, GENERAL, REWARD, UPGRADE, `${FUND}${FUND_USE}`, START);
