'use client';

import type { ApplyState } from '@/domain/applications/submit';
import {
  ApplicationForm,
  ContactAndEvidenceFields,
  IdentificationFields,
  LearnedOnField,
  MeasureFields,
  StatementField,
  type MeasureOption,
} from './application-form';

type Props = {
  action: (prev: ApplyState, formData: FormData) => Promise<ApplyState>;
  submissionToken: string;
  siteName: string;
  prefill?: Record<string, string>;
};

export function ObjectionForm({ measures, ...props }: Props & { measures: MeasureOption[] }) {
  return (
    <ApplicationForm {...props}>
      {(state) => (
        <>
          <IdentificationFields state={state} />
          <MeasureFields state={state} measures={measures} />
          <StatementField state={state} kind="objection" />
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
          <StatementField state={state} kind="correction" />
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
          <StatementField state={state} kind="repair" />
          <ContactAndEvidenceFields state={state} />
        </>
      )}
    </ApplicationForm>
  );
}

export function GuaranteeForm(props: Props) {
  return (
    <ApplicationForm {...props}>
      {(state) => (
        <>
          <IdentificationFields state={state} />
          <StatementField state={state} kind="guarantee" />
          <ContactAndEvidenceFields state={state} evidenceLabel="执行担保材料（必填，至少一份）" />
        </>
      )}
    </ApplicationForm>
  );
}
