// Renderer. Keeps one page's crash on that page: the clerk sees what happened and can reload it, never a blank window.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { translate, type Language } from '../i18n/i18n';
import { errorText } from './ErrorAlert';

interface Props {
  readonly lang: Language;
  readonly children: ReactNode;
  /** Changing it (e.g. the page name) resets the boundary. */
  readonly resetKey: string;
}
interface State {
  readonly error: unknown;
  readonly key: string;
}

export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('invoice-recon: page crashed', error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    const { lang } = this.props;
    const { code, text } = errorText(this.state.error, (zh, en) => (lang === 'zh-CN' ? zh : en));
    return (
      <Result
        status="error"
        title={translate(lang, 'error.page')}
        subTitle={`${text} (${code})`}
        extra={<Button type="primary" onClick={() => this.setState({ error: null })}>{translate(lang, 'error.reload')}</Button>}
      />
    );
  }
}
