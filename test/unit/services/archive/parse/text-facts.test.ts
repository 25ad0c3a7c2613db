import { describe, expect, it } from 'vitest';
import { textFactsOf } from '../../../../../electron/services/archive/parse/text-facts';

describe('textFactsOf', () => {
  it.each([
    [
      'labels naming their party (the emulator’s layout)',
      ['增值税电子普通发票', '发票代码：032001700211', '发票号码：00004127', '开票日期：2026年09月03日', '购买方名称：上海"星河"科技有限公司  销售方名称：苏宁易购官方旗舰店', '购买方纳税人识别号：  销售方纳税人识别号：91320106773973920L', '合计金额：¥100.00  税额：¥13.00', '价税合计（小写）：¥113.00'],
      { invoiceNum: '00004127', invoiceCode: '032001700211', invoiceDate: '2026-09-03', buyerName: '上海"星河"科技有限公司', sellerTaxId: '91320106773973920L', totalFen: 11300, amountFen: 10000, red: false },
    ],
    [
      '数电 blocks: 购买方信息 / 销售方信息 with 名称 and 统一社会信用代码/纳税人识别号, 价税合计 in words then figures',
      [
        '电子发票（普通发票）  发票号码：26322000000012345678',
        '开票日期：2026年09月03日',
        '购  名称：南京云帆贸易有限公司  销  名称：华东数码专营店',
        '买  统一社会信用代码/纳税人识别号：91320100MA1W8XYZ3K  售  统一社会信用代码/纳税人识别号：91320106773973920L',
        '项目名称  规格型号  单位  数量  单价  金额  税率/征收率  税额',
        '*家用电器*电风扇  台  1  100.00  100.00  13%  13.00',
        '合  计  ¥100.00  ¥13.00',
        '价税合计（大写）  壹佰壹拾叁圆整  （小写）¥113.00',
      ],
      { invoiceNum: '26322000000012345678', invoiceCode: null, invoiceDate: '2026-09-03', buyerName: '南京云帆贸易有限公司', sellerTaxId: '91320106773973920L', totalFen: 11300, amountFen: 10000, red: false },
    ],
    [
      'a red invoice: negative figures and the 红字 marking',
      ['电子发票（普通发票）  红字发票', '发票号码：26322000000012345679', '开票日期：2026-09-05', '合  计  ¥-100.00  ¥-13.00', '价税合计（大写）  （负数）壹佰壹拾叁圆整  （小写）¥-113.00'],
      { invoiceNum: '26322000000012345679', invoiceCode: null, invoiceDate: '2026-09-05', buyerName: null, sellerTaxId: null, totalFen: -11300, amountFen: -10000, red: true },
    ],
    ['a page with no invoice text', ['Hello', '世界'], { invoiceNum: null, invoiceCode: null, invoiceDate: null, buyerName: null, sellerTaxId: null, totalFen: null, amountFen: null, red: false }],
  ])('%s', (_name, lines, want) => {
    expect(textFactsOf(lines)).toEqual(want);
  });
});
