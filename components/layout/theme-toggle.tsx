'use client';
// Colour scheme switch: System (the default), Light or Dark. The choice goes into a cookie the root layout reads,
// so the next page is rendered in it from the first byte; this component also flips the class on <html> at once.
import * as React from 'react';
import { Monitor, Moon, Sun, type LucideIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { THEME_CHOICES, THEME_LABELS, themeClassName, themeCookieString, type ThemeChoice } from '@/lib/theme/theme';

const ICONS: Record<ThemeChoice, LucideIcon> = { system: Monitor, light: Sun, dark: Moon };

function isThemeChoice(value: string): value is ThemeChoice {
  return (THEME_CHOICES as readonly string[]).includes(value);
}

export function ThemeToggle({ initial }: { initial: ThemeChoice }) {
  const [choice, setChoice] = React.useState<ThemeChoice>(initial);
  const Icon = ICONS[choice];
  const choose = (value: string) => {
    if (!isThemeChoice(value)) return;
    document.cookie = themeCookieString(value, window.location.protocol === 'https:');
    const root = document.documentElement;
    root.classList.remove('light', 'dark');
    const forced = themeClassName(value);
    if (forced) root.classList.add(forced);
    setChoice(value);
  };
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Colour theme: ${THEME_LABELS[choice]}`} data-testid="theme-toggle">
          <Icon aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>Colour theme</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={choice} onValueChange={choose}>
          {THEME_CHOICES.map((value) => {
            const ItemIcon = ICONS[value];
            return (
              <DropdownMenuRadioItem key={value} value={value}>
                <ItemIcon aria-hidden="true" />
                {THEME_LABELS[value]}
              </DropdownMenuRadioItem>
            );
          })}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
