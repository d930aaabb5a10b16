// Icons as inline SVG, never emoji or symbol characters: a character such as 🔒 or ⏳ needs an
// emoji font, and shows as an empty box on a machine without one. The drawings are Lucide's
// (the `lucide` package, ISC licence: plain path data, one module per icon, so only the icons
// named here reach the bundle); this component draws them with React.
//
// An icon beside text that already says it is decoration: <Icon name="lock" /> (aria-hidden).
// An icon that carries meaning alone gets words: <Icon name="lock" label={t("…")} /> (role="img").
import { createElement } from "react";
import {
  ArrowDown,
  ArrowLeft,
  ArrowRight,
  AtSign,
  Bell,
  Plus,
  Building,
  Check,
  ChevronDown,
  Circle,
  CircleAlert,
  CircleCheck,
  CircleCheckBig,
  CircleDashed,
  CirclePlay,
  Clock,
  CircleQuestionMark,
  CircleX,
  ClipboardCheck,
  Cloud,
  CloudSun,
  Download,
  ExternalLink,
  Eye,
  GripVertical,
  Hourglass,
  House,
  Inbox,
  Info,
  Lock,
  Moon,
  OctagonAlert,
  PackageCheck,
  Pause,
  Pencil,
  Play,
  RotateCcw,
  Star,
  Sun,
  TriangleAlert,
  Umbrella,
  Wifi,
  WifiOff,
  Zap,
  type IconNode,
} from "lucide";

/** The app's icons, named for what they mean here. */
const ICONS = {
  warning: TriangleAlert,
  alert: CircleAlert,
  check: Check,
  done: CircleCheck,
  info: Info,
  lock: Lock,
  waiting: Hourglass,
  /** due today */
  clock: Clock,
  help: CircleQuestionMark,
  // conditions of the daily check-in
  good: Sun,
  okay: CloudSun,
  tired: Cloud,
  unwell: Umbrella,
  // actions and task states
  play: Play,
  pause: Pause,
  doing: CirclePlay,
  todo: Circle,
  review: Eye,
  blocked: OctagonAlert,
  undo: RotateCcw,
  edit: Pencil,
  // work order states
  requested: Inbox,
  accepted: ClipboardCheck,
  delivered: PackageCheck,
  completed: CircleCheckBig,
  declined: CircleX,
  inProgress: CircleDashed,
  // places and presence
  office: Building,
  home: House,
  online: Wifi,
  away: Moon,
  offline: WifiOff,
  // things
  add: Plus,
  star: Star,
  urgent: Zap,
  mention: AtSign,
  download: Download,
  externalLink: ExternalLink,
  arrowLeft: ArrowLeft,
  arrowRight: ArrowRight,
  arrowDown: ArrowDown,
  chevronDown: ChevronDown,
  grip: GripVertical,
  bell: Bell,
} satisfies Record<string, IconNode>;

export type IconName = keyof typeof ICONS;

export interface IconProps {
  name: IconName;
  /** words for an icon that carries meaning alone; without, the icon is decoration (aria-hidden) */
  label?: string;
  /** a filled shape (a full star) */
  filled?: boolean;
  className?: string;
}

export function Icon({ name, label, filled = false, className }: IconProps) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill={filled ? "currentColor" : "none"}
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className ? `ui-icon ${className}` : "ui-icon"}
      data-icon={name}
      focusable="false"
      {...(label ? { role: "img", "aria-label": label } : { "aria-hidden": true })}
    >
      {ICONS[name].map(([tag, attrs], index) => createElement(tag, { key: index, ...attrs }))}
    </svg>
  );
}
