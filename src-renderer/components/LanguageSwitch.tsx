import type { Language } from '../../shared/ipc/types';

interface LanguageSwitchProps {
  value: Language;
  label: string;
  onChange: (language: Language) => void;
}

const OPTIONS: { value: Language; name: string }[] = [
  { value: 'en', name: 'English' },
  { value: 'de', name: 'Deutsch' },
];

export function LanguageSwitch({ value, label, onChange }: LanguageSwitchProps) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {OPTIONS.map((option) => (
        <button
          key={option.value}
          type="button"
          lang={option.value}
          aria-pressed={value === option.value}
          onClick={() => onChange(option.value)}
        >
          {option.name}
        </button>
      ))}
    </div>
  );
}
