// Renderer. A from–to pair of yuan inputs (金额范围, 差额范围). Each side is parsed exactly (parseYuanToFen, never a
// float) when the clerk presses Enter or leaves the box; text that is not money, or a "to" below the "from",
// marks the box and says why instead of sending a filter the server would refuse. The core checks it again.
import { useEffect, useState } from 'react';
import { Input, Space, Tooltip } from 'antd';
import { formatFen, parseYuanToFen } from '../../../shared/domain/money';
import { useI18n } from '../../i18n/i18n';

interface Props {
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly onChange: (min: number | undefined, max: number | undefined) => void;
  readonly fromLabel: string;
  readonly toLabel: string;
  /** data-testid prefix: `${testId}-from`, `${testId}-to`. */
  readonly testId: string;
}

type Parsed = { ok: true; fen: number | undefined } | { ok: false; reason: string };

export function MoneyRange({ min, max, onChange, fromLabel, toLabel, testId }: Props) {
  const { t, lang } = useI18n();
  const [from, setFrom] = useState(min === undefined ? '' : formatFen(min));
  const [to, setTo] = useState(max === undefined ? '' : formatFen(max));
  const [problem, setProblem] = useState<{ side: 'from' | 'to'; reason: string } | null>(null);
  // A filter cleared or set elsewhere (清除筛选, a chip's click-through) shows here.
  useEffect(() => { setFrom(min === undefined ? '' : formatFen(min)); }, [min]);
  useEffect(() => { setTo(max === undefined ? '' : formatFen(max)); }, [max]);

  const parse = (text: string): Parsed => {
    if (text.trim() === '') return { ok: true, fen: undefined };
    const r = parseYuanToFen(text);
    return r.ok ? { ok: true, fen: r.fen } : { ok: false, reason: lang === 'zh-CN' ? r.reason.zh : r.reason.en };
  };

  const apply = () => {
    const a = parse(from);
    const b = parse(to);
    if (!a.ok) { setProblem({ side: 'from', reason: `${fromLabel}: ${a.reason}` }); return; }
    if (!b.ok) { setProblem({ side: 'to', reason: `${toLabel}: ${b.reason}` }); return; }
    if (a.fen !== undefined && b.fen !== undefined && a.fen > b.fen) {
      setProblem({ side: 'to', reason: t('recon.rangeOrder', { from: formatFen(a.fen), to: formatFen(b.fen) }) });
      return;
    }
    setProblem(null);
    if (a.fen !== min || b.fen !== max) onChange(a.fen, b.fen);
  };

  const box = (side: 'from' | 'to', value: string, set: (v: string) => void, label: string) => (
    <Tooltip open={problem?.side === side} title={problem?.side === side ? problem.reason : undefined}>
      <Input
        value={value}
        onChange={(e) => set(e.target.value)}
        onPressEnter={apply}
        onBlur={apply}
        placeholder={label}
        aria-label={label}
        aria-invalid={problem?.side === side}
        status={problem?.side === side ? 'error' : undefined}
        inputMode="decimal"
        style={{ width: 112 }}
        data-testid={`${testId}-${side}`}
      />
    </Tooltip>
  );
  return (
    <Space.Compact>
      {box('from', from, setFrom, fromLabel)}
      {box('to', to, setTo, toLabel)}
    </Space.Compact>
  );
}
