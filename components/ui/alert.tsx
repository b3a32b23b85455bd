import * as React from 'react';
import { CircleX, Info, TriangleAlert, type LucideIcon } from 'lucide-react';
import { cn } from './cn';

export const ALERT_VARIANTS = ['info', 'warning', 'error'] as const;
export type AlertVariant = (typeof ALERT_VARIANTS)[number];

const VARIANT_STYLE: Record<AlertVariant, { icon: LucideIcon; className: string; iconClassName: string }> = {
  info: { icon: Info, className: 'border-border bg-card', iconClassName: 'text-info' },
  warning: { icon: TriangleAlert, className: 'border-warning/40 bg-warning/5', iconClassName: 'text-warning' },
  error: { icon: CircleX, className: 'border-destructive/40 bg-destructive/5', iconClassName: 'text-destructive' },
};

export type AlertProps = Omit<React.ComponentProps<'div'>, 'title'> & {
  variant?: AlertVariant;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** e.g. a "Retry" button or link; sits at the end of the row so the message reads first. */
  action?: React.ReactNode;
};

/**
 * A message box for a section, e.g. "Findings failed to load" with a retry action: a failed query shows this, never
 * an empty or zero state.
 */
export function Alert({ variant = 'info', title, description, action, className, children, ...props }: AlertProps) {
  const style = VARIANT_STYLE[variant];
  const Icon = style.icon;
  return (
    <div
      data-slot="alert"
      data-variant={variant}
      // Errors interrupt; info and warnings are announced politely.
      role={variant === 'error' ? 'alert' : 'status'}
      className={cn('flex items-start gap-3 rounded-lg border px-4 py-3 text-sm', style.className, className)}
      {...props}
    >
      <Icon aria-hidden="true" className={cn('mt-0.5 size-4 shrink-0', style.iconClassName)} />
      <div className="min-w-0 flex-1 space-y-1">
        <p className={cn('font-medium leading-5', variant === 'error' && 'text-destructive')}>{title}</p>
        {description ? <div className="text-muted-foreground [overflow-wrap:anywhere]">{description}</div> : null}
        {children}
      </div>
      {action ? <div className="flex shrink-0 items-center gap-2 self-center">{action}</div> : null}
    </div>
  );
}
