'use client';

import type { ApplyState } from '@/domain/applications/submit';
import {
  ApplicationForm,
  ContactAndEvidenceFields,
  IdentificationFields,
  LearnedOnField,
  MeasureFields,
  StatementFields,
  type MeasureOption,
} from './application-form';

type Props = {
  action: (prev: ApplyState, formData: FormData) => Promise<ApplyState>;
  submissionToken: string;
  prefill?: Record<string, string>;
};

export function ObjectionForm({ measures, ...props }: Props & { measures: MeasureOption[] }) {
  return (
    <ApplicationForm {...props}>
      {(state) => (
        <>
          <IdentificationFields state={state} />
          <MeasureFields state={state} measures={measures} />
          <StatementFields state={state} factsLabel="事实" reasonsLabel="理由" />
          <ContactAndEvidenceFields state={state} />
        </>
      )}
    </ApplicationForm>
  );
}

export function CorrectionForm(props: Props) {
  return (
    <ApplicationForm {...props}>
      {(state) => (
        <>
          <IdentificationFields state={state} />
          <LearnedOnField state={state} />
          <StatementFields state={state} factsLabel="事实" reasonsLabel="申请纠正的理由" />
          <ContactAndEvidenceFields state={state} />
        </>
      )}
    </ApplicationForm>
  );
}

export function RepairForm(props: Props) {
  return (
    <ApplicationForm {...props}>
      {(state) => (
        <>
          <IdentificationFields state={state} />
          <StatementFields state={state} factsLabel="情况说明" reasonsLabel="申请修复的事项" />
          <ContactAndEvidenceFields state={state} />
        </>
      )}
    </ApplicationForm>
  );
}
