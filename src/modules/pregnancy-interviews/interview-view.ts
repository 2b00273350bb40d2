import { EntityManager } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { namedRows } from '../../database/named-sql';
import { PregnancyInterviewView, ScreeningResultView } from './dto/pregnancy-interview.dto';
import { INTERVIEW_PLACE_LABELS, PregnancyInterview, SUPPORT_NEED_LABELS, SupportNeed } from './pregnancy-interview.entity';
import { SCREENING_FACTOR_LABELS, ScreeningFactor, SERIOUS_FACTORS } from './support-need.rule';

interface InterviewContextRow {
  office_id: string;
  mother_id: string;
  name_kanji: string;
  name_kana: string;
  birth_date: string | null;
  filed_on: string;
  due_date: string;
  case_id: string | null;
  consultant_name: string;
}

export async function loadInterviewContext(manager: EntityManager, interview: PregnancyInterview): Promise<InterviewContextRow> {
  const [row] = await namedRows<InterviewContextRow>(
    manager,
    `SELECT n.office_id, n.mother_id, p.name_kanji, p.name_kana, p.birth_date, n.filed_on, n.due_date, n.case_id, u.display_name AS consultant_name
       FROM pregnancy_notifications n JOIN persons p ON p.id = n.mother_id, users u
      WHERE n.id = :notificationId AND u.id = :consultantId`,
    { notificationId: interview.notificationId, consultantId: interview.consultantId },
  );
  return row;
}

export function screeningView(need: SupportNeed, factors: readonly string[]): ScreeningResultView {
  return {
    need,
    needLabel: SUPPORT_NEED_LABELS[need],
    factors: factors.map((code) => ({ code: code as ScreeningFactor, label: SCREENING_FACTOR_LABELS[code as ScreeningFactor] ?? code, serious: SERIOUS_FACTORS.has(code as ScreeningFactor) })),
  };
}

export function toInterviewView(i: PregnancyInterview, ctx: InterviewContextRow, actor: Actor): PregnancyInterviewView {
  return {
    id: i.id,
    notificationId: i.notificationId,
    officeId: ctx.office_id,
    mother: { id: ctx.mother_id, nameKanji: ctx.name_kanji, nameKana: ctx.name_kana, birthDate: ctx.birth_date },
    filedOn: ctx.filed_on,
    dueDate: ctx.due_date,
    caseId: ctx.case_id,
    consultantId: i.consultantId,
    consultantName: ctx.consultant_name,
    interviewedOn: i.interviewedOn,
    place: i.place,
    placeLabel: INTERVIEW_PLACE_LABELS[i.place],
    weeksAtInterview: i.weeksAtInterview,
    partnerSituation: i.partnerSituation,
    supportPersons: i.supportPersons,
    supportNote: i.supportNote,
    pastIllness: i.pastIllness,
    pastIllnessNote: i.pastIllnessNote,
    mentalIllnessHistory: i.mentalIllnessHistory,
    insomnia: i.insomnia,
    lowMood: i.lowMood,
    lossOfInterest: i.lossOfInterest,
    strongAnxiety: i.strongAnxiety,
    healthNote: i.healthNote,
    smoking: i.smoking,
    drinking: i.drinking,
    publicAssistance: i.publicAssistance,
    insuranceType: i.insuranceType,
    economicWorry: i.economicWorry,
    economicNote: i.economicNote,
    housingType: i.housingType,
    planningToMove: i.planningToMove,
    movePlannedOn: i.movePlannedOn,
    housingNote: i.housingNote,
    domesticViolence: i.domesticViolence,
    priorChildProtection: i.priorChildProtection,
    noPrenatalCheckups: i.noPrenatalCheckups,
    pregnancyFeeling: i.pregnancyFeeling,
    feelingNote: i.feelingNote,
    requestedServices: i.requestedServices,
    wishes: i.wishes,
    supportPlan: i.supportPlan,
    followUpOn: i.followUpOn,
    followUpDoneAt: i.followUpDoneAt,
    followUpNote: i.followUpNote,
    screening: screeningView(i.screenedNeed, i.screeningFactors),
    supportNeed: i.supportNeed,
    supportNeedLabel: SUPPORT_NEED_LABELS[i.supportNeed],
    needRaisedReason: i.needRaisedReason,
    editable: ctx.office_id === actor.officeId,
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}
