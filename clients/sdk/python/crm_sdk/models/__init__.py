"""Contains all the data models used in inputs/outputs"""

from .access import Access
from .access_decision import AccessDecision
from .access_explanation import AccessExplanation
from .access_input import AccessInput
from .access_level import AccessLevel
from .action_in import ActionIn
from .action_kind_read import ActionKindRead
from .action_read import ActionRead
from .action_type import ActionType
from .activity_kind import ActivityKind
from .agenda import Agenda
from .agenda_item_read import AgendaItemRead
from .agenda_item_read_type import AgendaItemReadType
from .api_key_create import ApiKeyCreate
from .api_key_created import ApiKeyCreated
from .api_key_read import ApiKeyRead
from .api_key_update import ApiKeyUpdate
from .assignee_list import AssigneeList
from .audit_action import AuditAction
from .audit_actor import AuditActor
from .audit_event_read import AuditEventRead
from .audit_event_read_changes import AuditEventReadChanges
from .audit_trail_event_read import AuditTrailEventRead
from .audit_trail_event_read_changes import AuditTrailEventReadChanges
from .audit_trail_event_read_details import AuditTrailEventReadDetails
from .automation_rule_create import AutomationRuleCreate
from .automation_rule_read import AutomationRuleRead
from .automation_rule_update import AutomationRuleUpdate
from .automation_run_read import AutomationRunRead
from .automation_vocabulary import AutomationVocabulary
from .board import Board
from .board_card import BoardCard
from .board_card_custom_fields import BoardCardCustomFields
from .board_card_external_ids import BoardCardExternalIds
from .board_column import BoardColumn
from .board_column_totals import BoardColumnTotals
from .body_auth_token import BodyAuthToken
from .body_imports_create import BodyImportsCreate
from .calendar_feed_out import CalendarFeedOut
from .change_event_read import ChangeEventRead
from .change_event_read_data_type_0 import ChangeEventReadDataType0
from .change_feed_read import ChangeFeedRead
from .channel import Channel
from .company_create import CompanyCreate
from .company_create_custom_fields_type_0 import CompanyCreateCustomFieldsType0
from .company_create_external_ids_type_0 import CompanyCreateExternalIdsType0
from .company_read import CompanyRead
from .company_read_custom_fields import CompanyReadCustomFields
from .company_read_external_ids import CompanyReadExternalIds
from .company_update import CompanyUpdate
from .company_update_custom_fields_type_0 import CompanyUpdateCustomFieldsType0
from .company_update_external_ids_type_0 import CompanyUpdateExternalIdsType0
from .company_upsert_batch import CompanyUpsertBatch
from .company_upsert_item import CompanyUpsertItem
from .company_upsert_result import CompanyUpsertResult
from .company_upsert_result_status import CompanyUpsertResultStatus
from .company_upsert_results import CompanyUpsertResults
from .condition_field_read import ConditionFieldRead
from .condition_in import ConditionIn
from .condition_read import ConditionRead
from .contact_batch_in import ContactBatchIn
from .contact_batch_item import ContactBatchItem
from .contact_batch_item_custom_fields_type_0 import ContactBatchItemCustomFieldsType0
from .contact_batch_out import ContactBatchOut
from .contact_create import ContactCreate
from .contact_create_custom_fields_type_0 import ContactCreateCustomFieldsType0
from .contact_create_external_ids_type_0 import ContactCreateExternalIdsType0
from .contact_read import ContactRead
from .contact_read_custom_fields import ContactReadCustomFields
from .contact_read_external_ids import ContactReadExternalIds
from .contact_source import ContactSource
from .contact_update import ContactUpdate
from .contact_update_custom_fields_type_0 import ContactUpdateCustomFieldsType0
from .contact_update_external_ids_type_0 import ContactUpdateExternalIdsType0
from .contact_upsert_batch import ContactUpsertBatch
from .contact_upsert_item import ContactUpsertItem
from .contact_upsert_result import ContactUpsertResult
from .contact_upsert_result_status import ContactUpsertResultStatus
from .contact_upsert_results import ContactUpsertResults
from .contacts_export_format import ContactsExportFormat
from .custom_entity import CustomEntity
from .custom_field_create import CustomFieldCreate
from .custom_field_list import CustomFieldList
from .custom_field_read import CustomFieldRead
from .custom_field_update import CustomFieldUpdate
from .deal_create import DealCreate
from .deal_create_custom_fields_type_0 import DealCreateCustomFieldsType0
from .deal_create_external_ids_type_0 import DealCreateExternalIdsType0
from .deal_move import DealMove
from .deal_read import DealRead
from .deal_read_custom_fields import DealReadCustomFields
from .deal_read_external_ids import DealReadExternalIds
from .deal_status import DealStatus
from .deal_update import DealUpdate
from .deal_update_custom_fields_type_0 import DealUpdateCustomFieldsType0
from .deal_update_external_ids_type_0 import DealUpdateExternalIdsType0
from .deal_upsert_batch import DealUpsertBatch
from .deal_upsert_item import DealUpsertItem
from .deal_upsert_result import DealUpsertResult
from .deal_upsert_result_status import DealUpsertResultStatus
from .deal_upsert_results import DealUpsertResults
from .dedupe import Dedupe
from .delivery_status import DeliveryStatus
from .direction import Direction
from .distribution import Distribution
from .duplicate_ask import DuplicateAsk
from .duplicate_elsewhere import DuplicateElsewhere
from .duplicate_elsewhere_reasons_item import DuplicateElsewhereReasonsItem
from .duplicate_list import DuplicateList
from .duplicate_owner import DuplicateOwner
from .duplicate_read import DuplicateRead
from .duplicate_read_reasons_item import DuplicateReadReasonsItem
from .email_in import EmailIn
from .email_out import EmailOut
from .field_change_out import FieldChangeOut
from .field_error_code import FieldErrorCode
from .field_error_out import FieldErrorOut
from .field_error_out_params import FieldErrorOutParams
from .field_type import FieldType
from .forecast import Forecast
from .forecast_row_out import ForecastRowOut
from .funnel_out import FunnelOut
from .funnel_out_average_won_amount import FunnelOutAverageWonAmount
from .funnel_stage_out import FunnelStageOut
from .group_by import GroupBy
from .health_out import HealthOut
from .import_read import ImportRead
from .import_read_mapping import ImportReadMapping
from .import_status import ImportStatus
from .interaction_complete import InteractionComplete
from .interaction_create import InteractionCreate
from .interaction_create_status import InteractionCreateStatus
from .interaction_read import InteractionRead
from .interaction_status import InteractionStatus
from .interaction_update import InteractionUpdate
from .item_type import ItemType
from .key_status import KeyStatus
from .kind_access import KindAccess
from .kind_access_input import KindAccessInput
from .lead_conversion import LeadConversion
from .lead_conversion_custom_fields_type_0 import LeadConversionCustomFieldsType0
from .lifecycle_stage import LifecycleStage
from .me_read import MeRead
from .merge_in import MergeIn
from .merge_in_take_from_source_item import MergeInTakeFromSourceItem
from .my_permissions import MyPermissions
from .my_session_read import MySessionRead
from .my_sessions import MySessions
from .named_ref import NamedRef
from .next_activity_read import NextActivityRead
from .on_error import OnError
from .operator import Operator
from .outcome_in import OutcomeIn
from .outcome_list import OutcomeList
from .outcome_list_in import OutcomeListIn
from .outcome_out import OutcomeOut
from .page_api_key_read import PageApiKeyRead
from .page_audit_event_read import PageAuditEventRead
from .page_audit_trail_event_read import PageAuditTrailEventRead
from .page_automation_rule_read import PageAutomationRuleRead
from .page_automation_run_read import PageAutomationRunRead
from .page_company_read import PageCompanyRead
from .page_contact_read import PageContactRead
from .page_deal_read import PageDealRead
from .page_interaction_read import PageInteractionRead
from .page_request_read import PageRequestRead
from .page_task_read import PageTaskRead
from .page_team_read import PageTeamRead
from .page_timeline_item_read import PageTimelineItemRead
from .page_user_read import PageUserRead
from .page_webhook_delivery_read import PageWebhookDeliveryRead
from .page_webhook_read import PageWebhookRead
from .permission import Permission
from .phone_in import PhoneIn
from .phone_out import PhoneOut
from .pipeline_create import PipelineCreate
from .pipeline_list import PipelineList
from .pipeline_read import PipelineRead
from .pipeline_update import PipelineUpdate
from .priority import Priority
from .problem import Problem
from .record_kind import RecordKind
from .record_type import RecordType
from .redelivery_read import RedeliveryRead
from .refresh_in import RefreshIn
from .request_channel import RequestChannel
from .request_create import RequestCreate
from .request_priority import RequestPriority
from .request_read import RequestRead
from .request_status import RequestStatus
from .request_update import RequestUpdate
from .response_times import ResponseTimes
from .role_create import RoleCreate
from .role_list import RoleList
from .role_read import RoleRead
from .role_summary import RoleSummary
from .role_update import RoleUpdate
from .rotation import Rotation
from .rotation_member_put import RotationMemberPut
from .rotation_member_read import RotationMemberRead
from .row_error_out import RowErrorOut
from .rule import Rule
from .run_outcome import RunOutcome
from .size_band import SizeBand
from .stage_add import StageAdd
from .stage_change_list import StageChangeList
from .stage_change_read import StageChangeRead
from .stage_in import StageIn
from .stage_kind import StageKind
from .stage_read import StageRead
from .stage_update import StageUpdate
from .status_change_list import StatusChangeList
from .status_change_read import StatusChangeRead
from .task_create import TaskCreate
from .task_read import TaskRead
from .task_status import TaskStatus
from .task_update import TaskUpdate
from .team_create import TeamCreate
from .team_read import TeamRead
from .team_update import TeamUpdate
from .timeline_item_read import TimelineItemRead
from .timeline_item_read_type import TimelineItemReadType
from .token_pair_out import TokenPairOut
from .trigger import Trigger
from .trigger_in import TriggerIn
from .trigger_kind_read import TriggerKindRead
from .trigger_read import TriggerRead
from .user_create import UserCreate
from .user_read import UserRead
from .user_update import UserUpdate
from .value_kind import ValueKind
from .webhook_create import WebhookCreate
from .webhook_created import WebhookCreated
from .webhook_delivery_read import WebhookDeliveryRead
from .webhook_read import WebhookRead
from .webhook_redeliver import WebhookRedeliver
from .webhook_update import WebhookUpdate

__all__ = (
    "Access",
    "AccessDecision",
    "AccessExplanation",
    "AccessInput",
    "AccessLevel",
    "ActionIn",
    "ActionKindRead",
    "ActionRead",
    "ActionType",
    "ActivityKind",
    "Agenda",
    "AgendaItemRead",
    "AgendaItemReadType",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyRead",
    "ApiKeyUpdate",
    "AssigneeList",
    "AuditAction",
    "AuditActor",
    "AuditEventRead",
    "AuditEventReadChanges",
    "AuditTrailEventRead",
    "AuditTrailEventReadChanges",
    "AuditTrailEventReadDetails",
    "AutomationRuleCreate",
    "AutomationRuleRead",
    "AutomationRuleUpdate",
    "AutomationRunRead",
    "AutomationVocabulary",
    "Board",
    "BoardCard",
    "BoardCardCustomFields",
    "BoardCardExternalIds",
    "BoardColumn",
    "BoardColumnTotals",
    "BodyAuthToken",
    "BodyImportsCreate",
    "CalendarFeedOut",
    "ChangeEventRead",
    "ChangeEventReadDataType0",
    "ChangeFeedRead",
    "Channel",
    "CompanyCreate",
    "CompanyCreateCustomFieldsType0",
    "CompanyCreateExternalIdsType0",
    "CompanyRead",
    "CompanyReadCustomFields",
    "CompanyReadExternalIds",
    "CompanyUpdate",
    "CompanyUpdateCustomFieldsType0",
    "CompanyUpdateExternalIdsType0",
    "CompanyUpsertBatch",
    "CompanyUpsertItem",
    "CompanyUpsertResult",
    "CompanyUpsertResults",
    "CompanyUpsertResultStatus",
    "ConditionFieldRead",
    "ConditionIn",
    "ConditionRead",
    "ContactBatchIn",
    "ContactBatchItem",
    "ContactBatchItemCustomFieldsType0",
    "ContactBatchOut",
    "ContactCreate",
    "ContactCreateCustomFieldsType0",
    "ContactCreateExternalIdsType0",
    "ContactRead",
    "ContactReadCustomFields",
    "ContactReadExternalIds",
    "ContactsExportFormat",
    "ContactSource",
    "ContactUpdate",
    "ContactUpdateCustomFieldsType0",
    "ContactUpdateExternalIdsType0",
    "ContactUpsertBatch",
    "ContactUpsertItem",
    "ContactUpsertResult",
    "ContactUpsertResults",
    "ContactUpsertResultStatus",
    "CustomEntity",
    "CustomFieldCreate",
    "CustomFieldList",
    "CustomFieldRead",
    "CustomFieldUpdate",
    "DealCreate",
    "DealCreateCustomFieldsType0",
    "DealCreateExternalIdsType0",
    "DealMove",
    "DealRead",
    "DealReadCustomFields",
    "DealReadExternalIds",
    "DealStatus",
    "DealUpdate",
    "DealUpdateCustomFieldsType0",
    "DealUpdateExternalIdsType0",
    "DealUpsertBatch",
    "DealUpsertItem",
    "DealUpsertResult",
    "DealUpsertResults",
    "DealUpsertResultStatus",
    "Dedupe",
    "DeliveryStatus",
    "Direction",
    "Distribution",
    "DuplicateAsk",
    "DuplicateElsewhere",
    "DuplicateElsewhereReasonsItem",
    "DuplicateList",
    "DuplicateOwner",
    "DuplicateRead",
    "DuplicateReadReasonsItem",
    "EmailIn",
    "EmailOut",
    "FieldChangeOut",
    "FieldErrorCode",
    "FieldErrorOut",
    "FieldErrorOutParams",
    "FieldType",
    "Forecast",
    "ForecastRowOut",
    "FunnelOut",
    "FunnelOutAverageWonAmount",
    "FunnelStageOut",
    "GroupBy",
    "HealthOut",
    "ImportRead",
    "ImportReadMapping",
    "ImportStatus",
    "InteractionComplete",
    "InteractionCreate",
    "InteractionCreateStatus",
    "InteractionRead",
    "InteractionStatus",
    "InteractionUpdate",
    "ItemType",
    "KeyStatus",
    "KindAccess",
    "KindAccessInput",
    "LeadConversion",
    "LeadConversionCustomFieldsType0",
    "LifecycleStage",
    "MeRead",
    "MergeIn",
    "MergeInTakeFromSourceItem",
    "MyPermissions",
    "MySessionRead",
    "MySessions",
    "NamedRef",
    "NextActivityRead",
    "OnError",
    "Operator",
    "OutcomeIn",
    "OutcomeList",
    "OutcomeListIn",
    "OutcomeOut",
    "PageApiKeyRead",
    "PageAuditEventRead",
    "PageAuditTrailEventRead",
    "PageAutomationRuleRead",
    "PageAutomationRunRead",
    "PageCompanyRead",
    "PageContactRead",
    "PageDealRead",
    "PageInteractionRead",
    "PageRequestRead",
    "PageTaskRead",
    "PageTeamRead",
    "PageTimelineItemRead",
    "PageUserRead",
    "PageWebhookDeliveryRead",
    "PageWebhookRead",
    "Permission",
    "PhoneIn",
    "PhoneOut",
    "PipelineCreate",
    "PipelineList",
    "PipelineRead",
    "PipelineUpdate",
    "Priority",
    "Problem",
    "RecordKind",
    "RecordType",
    "RedeliveryRead",
    "RefreshIn",
    "RequestChannel",
    "RequestCreate",
    "RequestPriority",
    "RequestRead",
    "RequestStatus",
    "RequestUpdate",
    "ResponseTimes",
    "RoleCreate",
    "RoleList",
    "RoleRead",
    "RoleSummary",
    "RoleUpdate",
    "Rotation",
    "RotationMemberPut",
    "RotationMemberRead",
    "RowErrorOut",
    "Rule",
    "RunOutcome",
    "SizeBand",
    "StageAdd",
    "StageChangeList",
    "StageChangeRead",
    "StageIn",
    "StageKind",
    "StageRead",
    "StageUpdate",
    "StatusChangeList",
    "StatusChangeRead",
    "TaskCreate",
    "TaskRead",
    "TaskStatus",
    "TaskUpdate",
    "TeamCreate",
    "TeamRead",
    "TeamUpdate",
    "TimelineItemRead",
    "TimelineItemReadType",
    "TokenPairOut",
    "Trigger",
    "TriggerIn",
    "TriggerKindRead",
    "TriggerRead",
    "UserCreate",
    "UserRead",
    "UserUpdate",
    "ValueKind",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookDeliveryRead",
    "WebhookRead",
    "WebhookRedeliver",
    "WebhookUpdate",
)
