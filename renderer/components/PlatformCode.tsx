// Renderer. A platform's code as a sentence first (what it means for the clerk), the code itself small beside it
// for support. Unknown codes show only the code, labelled as one.
import type { Language } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n';

type L = Readonly<Record<Language, string>>;

export const PLATFORM_CODE_TEXT: Readonly<Record<string, L>> = {
  // Suning
  'biz.handler.data-get:no-result': { 'zh-CN': '苏宁没有这个订单的开票记录', 'en-US': 'Suning has no invoice for this order' },
  'sys.controller.api-frequency:limit': { 'zh-CN': '请求太频繁，苏宁暂时限流', 'en-US': 'Too many requests; Suning is throttling for a moment' },
  'sys.check.app-sign:error': { 'zh-CN': '签名不正确：请检查 AppKey 与密钥', 'en-US': 'The signature is wrong: check the AppKey and secret' },
  'sys.check.request-apprequesttime:error': { 'zh-CN': '电脑时间与苏宁相差太大', 'en-US': "This PC's clock is too far from Suning's" },
  'sys.check.app-time:error': { 'zh-CN': '电脑时间与苏宁相差太大', 'en-US': "This PC's clock is too far from Suning's" },
  'sys.check.user-permission:inexistence': { 'zh-CN': '该账号没有这个接口的权限', 'en-US': 'The account may not use this service' },
  'sys.check.api-permission:inexistence': { 'zh-CN': '该应用没有这个接口的权限', 'en-US': 'The app may not use this service' },
  'sys.check.request-params:error': { 'zh-CN': '请求参数被苏宁拒绝', 'en-US': 'Suning refused the request parameters' },
  // Wangdiantong
  '0': { 'zh-CN': '旺店通已接受', 'en-US': 'Accepted by Wangdiantong' },
  '30000': { 'zh-CN': '旺店通找不到这个发票编号', 'en-US': 'Wangdiantong does not know this invoice record' },
  // Our own error kinds
  'platform.network': { 'zh-CN': '网络连接失败', 'en-US': 'The network connection failed' },
  'platform.auth': { 'zh-CN': '账号或 AppKey 无效', 'en-US': 'The account or AppKey is not valid' },
  'platform.signature': { 'zh-CN': '签名不正确：请检查密钥', 'en-US': 'The signature is wrong: check the secret' },
  'platform.clock': { 'zh-CN': '电脑时间偏差太大', 'en-US': "This PC's clock is too far off" },
  'platform.rate_limit': { 'zh-CN': '请求太频繁，平台暂时限流', 'en-US': 'Too many requests; the platform is throttling' },
  'platform.validation': { 'zh-CN': '平台认为内容不合规', 'en-US': 'The platform refused the content' },
  'platform.not_found': { 'zh-CN': '平台找不到该记录', 'en-US': 'The platform does not know this record' },
  'platform.server': { 'zh-CN': '平台服务器出错', 'en-US': 'The platform server had an error' },
  'platform.protocol': { 'zh-CN': '平台的答复无法识别', 'en-US': "The platform's answer could not be read" },
};

export function platformCodeText(code: string, lang: Language): string | null {
  return PLATFORM_CODE_TEXT[code]?.[lang] ?? null;
}

export function PlatformCode({ code }: { readonly code: string | null }) {
  const { t, lang } = useI18n();
  if (code === null || code === '') return <>—</>;
  const text = platformCodeText(code, lang);
  return (
    <span data-code={code}>
      {text ?? t('common.code')}
      <span className="code-detail mono"> {code}</span>
    </span>
  );
}
