// Renderer. A keyset-paged history table: its load error, the rows loaded so far, and a footer that loads the next
// page or says everything is loaded. Shared by the submissions, queries and audit tabs.
import type { HTMLAttributes } from 'react';
import { Button, Table, Typography, type TableColumnsType } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

/** What this table needs of TanStack Query's infinite query result. */
export interface PagedList<Row> {
  readonly data?: { readonly pages: readonly { readonly rows: readonly Row[] }[] };
  readonly error: unknown;
  readonly isPending: boolean;
  readonly hasNextPage: boolean;
  readonly isFetchingNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
  refetch(): Promise<unknown>;
}

interface Props<Row> {
  readonly list: PagedList<Row>;
  readonly columns: TableColumnsType<Row>;
  readonly testId: string;
  readonly scrollX?: number;
  readonly rowAttributes?: (row: Row) => HTMLAttributes<HTMLElement>;
  /** Every match of the filter (from the core); without it the footer can only count the rows loaded. */
  readonly total?: number;
}

export function PagedTable<Row extends { readonly id: number }>({ list, columns, testId, scrollX, rowAttributes, total }: Props<Row>) {
  const { t } = useI18n();
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <>
      {list.error != null && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Table<Row>
        size="small"
        rowKey="id"
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        tableLayout="fixed"
        scroll={scrollX === undefined ? undefined : { x: scrollX }}
        data-testid={testId}
        onRow={rowAttributes}
        columns={columns}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '8px 0' }}>
        <Typography.Text type="secondary" data-testid={`${testId}-total`} data-total={total}>
          {total === undefined
            ? t('common.rows', { n: rows.length.toLocaleString() })
            : t('history.totalLoaded', { n: total.toLocaleString(), loaded: rows.length.toLocaleString() })}
        </Typography.Text>
        {list.hasNextPage
          ? <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('common.loadMore')}</Button>
          : <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>}
      </div>
    </>
  );
}
