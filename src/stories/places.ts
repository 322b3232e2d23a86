// Places a headline names: two reports alike but for the place are two stories (北京 / 天津 今冬首场降雪).
const PROVINCES = '北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门';
const CITIES = '深圳 广州 杭州 南京 苏州 武汉 成都 西安 长沙 郑州 青岛 宁波 厦门 大连 沈阳 济南 合肥 福州 昆明 哈尔滨 长春 石家庄 太原 南昌 南宁 贵阳 兰州 海口 三亚 乌鲁木齐 呼和浩特 拉萨 银川 西宁 无锡 佛山 东莞 珠海 温州 泉州 烟台 徐州 常州 南通 绍兴 嘉兴 金华 台州 惠州 中山 洛阳 襄阳 宜昌 桂林 花莲 宜兰 台北 高雄 台中 台南 新北 基隆';
const COUNTRIES = '美国 日本 英国 法国 德国 俄罗斯 韩国 朝鲜 印度 印尼 印度尼西亚 澳大利亚 新西兰 加拿大 巴西 意大利 西班牙 葡萄牙 荷兰 比利时 瑞士 瑞典 挪威 芬兰 丹麦 波兰 乌克兰 以色列 伊朗 伊拉克 叙利亚 土耳其 沙特 阿联酋 卡塔尔 埃及 南非 尼日利亚 越南 菲律宾 泰国 新加坡 马来西亚 缅甸 柬埔寨 老挝 巴基斯坦 阿富汗 孟加拉 墨西哥 阿根廷 智利 古巴 委内瑞拉 欧盟 北约 东盟 联合国';
// Headlines name countries by one character (美对台军售, 日方): each is one place with its full name.
const SHORT: Record<string, string> = { 美国: '美', 日本: '日', 英国: '英', 法国: '法', 德国: '德', 俄罗斯: '俄', 韩国: '韩', 朝鲜: '朝', 印度: '印', 欧盟: '欧', 澳大利亚: '澳', 加拿大: '加', 菲律宾: '菲', 越南: '越' };
const ONE = `([${Object.values(SHORT).join('')}])(?=方|对|军|总统|政府|央行|股|媒)`;

const PLACES = [...new Set(`${PROVINCES} ${CITIES} ${COUNTRIES}`.split(' '))].sort((x, y) => y.length - x.length);
const ANY = new RegExp(`${PLACES.join('|')}|${ONE}`, 'gu');

/** The places a text names, a country by its one character wherever it has one. */
export const placesIn = (text: string): Set<string> => new Set([...text.matchAll(ANY)].map((m) => m[1] ?? SHORT[m[0]] ?? m[0]));
