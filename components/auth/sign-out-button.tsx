import { signOutAction } from '@/lib/auth/actions';
import { Button, type ButtonProps } from '@/components/ui/button';

/** A form, not a link: signing out changes state, so it is a same-origin POST (a server action). */
export function SignOutButton({ variant = 'outline', size, className, label = 'Sign out' }: Pick<ButtonProps, 'variant' | 'size' | 'className'> & { label?: string }) {
  return (
    <form action={signOutAction}>
      <Button type="submit" variant={variant} size={size} className={className}>
        {label}
      </Button>
    </form>
  );
}
