# نصوص صفحات الفريق (تسجيل الدخول وصفحات مديري نجاح العملاء).

## الإطار والتنقل

staff-nav-label = قائمة الفريق
staff-nav-dashboard = جلساتي
staff-nav-new-webinar = ندوة جديدة
staff-nav-marketing = المشاركون والتقارير
staff-nav-admin = الإدارة
staff-sign-out = تسجيل الخروج
staff-signed-in-as = تم تسجيل الدخول باسم { $name }

## تسجيل الدخول

staff-login-title = تسجيل الدخول
staff-login-intro = مخصص لفرق نجاح العملاء والتسويق والإدارة. لا يحتاج العملاء إلى حساب: يكفيهم الرابط الوارد في رسالتهم الإلكترونية.
staff-login-email = عنوان البريد الإلكتروني
staff-login-password = كلمة المرور
staff-login-submit = تسجيل الدخول
staff-login-signed-out = تم تسجيل خروجك.
staff-login-error-wrong = عنوان البريد الإلكتروني أو كلمة المرور غير صحيح.
staff-login-error-locked =
    { $minutes ->
        [one] محاولات فاشلة كثيرة. يُرجى المحاولة مرة أخرى بعد دقيقة.
        [two] محاولات فاشلة كثيرة. يُرجى المحاولة مرة أخرى بعد دقيقتين.
        [few] محاولات فاشلة كثيرة. يُرجى المحاولة مرة أخرى بعد { $minutes } دقائق.
       *[other] محاولات فاشلة كثيرة. يُرجى المحاولة مرة أخرى بعد { $minutes } دقيقة.
    }
staff-login-error-expired = انتهت صلاحية نموذج تسجيل الدخول. يُرجى إدخال كلمة المرور مرة أخرى.

## الأخطاء

staff-error-forbidden-title = غير متاح لدورك
staff-error-forbidden-text = لقد سجّلت الدخول، لكن دورك لا يتيح الوصول إلى هذه الصفحة.
staff-error-csrf-title = لم يُقبل النموذج
staff-error-csrf-text = لم يُرسَل هذا النموذج من صفحة حالية في جلستك، لذلك لم يُغيَّر شيء. يُرجى الرجوع وإعادة تحميل الصفحة ثم المحاولة مرة أخرى.

## لوحة المتابعة

staff-zone-note = تُعرض الأوقات بحسب منطقتك الزمنية ({ $zone }).
staff-dashboard-title = جلساتي القادمة
staff-dashboard-webinars = الندوات التي أقدّمها
staff-dashboard-no-webinars = ليست لديك ندوات قادمة.
staff-dashboard-appointments = مواعيدي في الساعات المكتبية
staff-dashboard-no-appointments = ليست لديك مواعيد قادمة.
staff-link-registrants = المسجّلون
staff-link-edit = تعديل
staff-link-appointments = مواعيدي
staff-seats-of = { $taken } من { $capacity } مقعدًا محجوزًا
staff-seats-registered =
    { $count ->
        [one] تسجيل واحد
        [two] تسجيلان
        [few] { $count } تسجيلات
       *[other] { $count } تسجيلًا
    }

## إنشاء ندوة وتعديلها

staff-webinar-new-title = ندوة جديدة
staff-webinar-edit-title = تعديل «{ $title }»
staff-webinar-created =
    { $count ->
        [one] أُنشئت الندوة. باب التسجيل مفتوح.
       *[other] أُنشئت السلسلة: عدد الجلسات { $count }. باب التسجيل مفتوح. تظهر أدناه الجلسة الأولى.
    }
staff-webinar-saved = حُفظت تغييراتك. يُبلَّغ المسجّلون المؤكَّدون بأي تغيير في الموعد أو المحتوى.
staff-webinar-is-cancelled = أُلغيت هذه الندوة، وأُبلغ جميع المسجّلين.
staff-field-kind = الصيغة
staff-field-kind-hint = ندوة الخبراء مجموعة صغيرة بعدد مقاعد محدود، يصف فيها المسجّلون وضعهم مسبقًا.
staff-field-title = العنوان
staff-field-description = الوصف
staff-field-topic = الموضوع (اختياري)
staff-field-capacity = المقاعد
staff-field-capacity-hint = اتركه فارغًا لندوة بلا حدّ للمقاعد. وهو مطلوب لندوة الخبراء.
staff-field-when = التاريخ والوقت
staff-field-date = التاريخ
staff-field-time = وقت البدء
staff-field-duration = المدة (بالدقائق)
staff-field-timezone = المنطقة الزمنية
staff-field-join-url = رابط الاجتماع (اختياري)
staff-field-policy = قائمة الانتظار والحد الأدنى
staff-field-waitlist-mode = عندما يشغر مقعد
staff-waitlist-auto = يُمنح مباشرةً لصاحب المرتبة الأولى في قائمة الانتظار
staff-waitlist-offer = يُحجز لصاحب المرتبة الأولى في قائمة الانتظار، ليؤكده عبر البريد الإلكتروني
staff-field-offer-hours = عدد الساعات المتاحة لتأكيد المقعد المحجوز
staff-field-min-attendees = الحد الأدنى لعدد المشاركين (اختياري)
staff-field-decision-hours = يُتخذ القرار قبل البدء بهذا العدد من الساعات
staff-field-rollover = في السلسلة، يُنقل المنتظرون إلى الجلسة التالية
staff-field-recording-url = رابط التسجيل (اختياري)
staff-webinar-started = بدأت هذه الجلسة، لذا لا يمكن إلا إضافة تسجيلها. يصل التسجيل إلى المشاركين مع رسالة الشكر.
staff-field-repeat = السلسلة
staff-field-repeat-how = التكرار
staff-repeat-once = بلا تكرار
staff-repeat-weekly = كل أسبوع
staff-repeat-biweekly = كل أسبوعين
staff-repeat-monthly = كل شهر
staff-field-count = عدد الجلسات
staff-webinar-create = إنشاء الندوة
staff-webinar-save = حفظ التغييرات
staff-webinar-cancel-title = إلغاء هذه الندوة
staff-webinar-cancel-warning = يتلقى جميع المسجّلين إشعار إلغاء بالبريد الإلكتروني، وتُحذف الجلسة من تقويماتهم. لا يمكن التراجع عن هذا الإجراء.
staff-webinar-cancel-confirm = نعم، ألغِ هذه الندوة وأبلغ جميع المسجّلين.
staff-webinar-cancel-submit = إلغاء الندوة
staff-error-kind = يُرجى اختيار صيغة.
staff-error-title = يُرجى إدخال عنوان (سطر واحد، بحد أقصى 200 حرف).
staff-error-description = يمكن أن يتضمن الوصف 5000 حرف كحد أقصى.
staff-error-topic = يُرجى إدخال الموضوع في سطر واحد (بحد أقصى 100 حرف).
staff-error-start = يُرجى إدخال تاريخ ووقت بدء في المستقبل (من عام 2000 إلى عام 2100).
staff-error-start-gap = هذا الوقت غير موجود في المنطقة الزمنية المختارة لأن الساعة تُغيَّر فيه. يُرجى اختيار وقت آخر.
staff-error-duration = يُرجى إدخال مدة بين 5 و720 دقيقة.
staff-error-timezone = يُرجى اختيار منطقة زمنية من القائمة.
staff-error-capacity = يُرجى إدخال عدد مقاعد بين 1 و100000 (وهو مطلوب لندوة الخبراء).
staff-error-join_url = يُرجى إدخال عنوان ويب كامل يبدأ بـ https://.
staff-error-repeat = تعذّر إنشاء هذه السلسلة: يجب أن تقع جميع الجلسات بين عامي 2000 و2100.
staff-error-count = يُرجى إدخال عدد جلسات بين 2 و104.
staff-error-waitlist_mode = يُرجى اختيار ما يحدث عندما يشغر مقعد.
staff-error-offer_hours = يُرجى إدخال عدد ساعات بين 1 و168 لتأكيد المقعد المحجوز.
staff-error-min_attendees = يُرجى إدخال حد أدنى بين 1 وعدد المقاعد، أو ترك الحقل فارغًا.
staff-error-decision_hours = يُرجى إدخال عدد ساعات بين 1 و336 قبل البدء.
staff-error-recording_url = يُرجى إدخال عنوان ويب كامل يبدأ بـ https://.
staff-error-form = تعذّر قبول بعض البيانات. يُرجى مراجعة النموذج.
staff-error-host-busy = لديك موعد مع عميل في هذا الوقت. يُرجى اختيار وقت آخر.
staff-error-closed = بدأت هذه الندوة أو أُلغيت، ولذلك لم يعد تعديلها ممكنًا.
staff-error-capacity-below = عدد الأشخاص المؤكَّدين يتجاوز عدد المقاعد هذا. يُرجى إدخال عدد لا يقل عن عدد المسجّلين المؤكَّدين.
staff-error-confirm = يُرجى تحديد المربع لتأكيد الإلغاء.

## المسجّلون والحضور

staff-registrants-title = المسجّلون في «{ $title }»
staff-registrants-summary = المؤكَّدون: { $taken } · قائمة الانتظار: { $waiting }
staff-registrants-empty = لم يسجّل أحد بعد.
staff-registrants-more = مزيد من المسجّلين
staff-reg-confirmed = مؤكَّد
staff-reg-waitlisted = قائمة الانتظار، الترتيب { $position }
staff-reg-cancelled = ملغى
staff-reg-offered = مقعد محجوز حتى { $until }
staff-reg-situation = وضعه
staff-reg-questions = أسئلة مُرسلة مسبقًا
staff-reg-rating = تقييمه للجلسة
staff-attendance-label = الحضور
staff-attendance-attended = حضر
staff-attendance-no-show = لم يحضر
staff-attendance-unmarked = لم يُسجَّل الحضور بعد
staff-mark-attended = حضر
staff-mark-no-show = لم يحضر
staff-attendance-saved = حُفظ الحضور.
staff-error-attendance = لا يمكن تسجيل الحضور إلا للمسجّلين المؤكَّدين في هذه الندوة.

## موجز التقويم (لوحة المعلومات)
staff-feed-title = موجز تقويمك
staff-feed-intro = اشترك في هذا العنوان في تطبيق التقويم لديك لترى فيه ندواتك وساعات قائمة الانتظار. يستطيع كل من يعرف العنوان قراءته.
staff-feed-url = عنوان الموجز
staff-feed-url-note = انسخه الآن: لن يُعرض إلا هذه المرة. إنشاء عنوان جديد يوقف هذا العنوان.
staff-feed-exists = لديك عنوان موجز. إن وقع في الأيدي الخطأ فأنشئ عنوانًا جديدًا: يتوقف القديم عن العمل فورًا.
staff-feed-create = إنشاء عنوان الموجز
staff-feed-rotate = إنشاء عنوان موجز جديد

## تقويمك الآخر (لوحة المتابعة)
staff-busy-title = تقويمك الآخر
staff-busy-intro = أدخل العنوان السري لتقويمك في Google أو Outlook. في كل وقت يظهر فيه أنك مشغول، لا يستطيع العملاء حجز موعد معك ولا تمنح قائمة الانتظار وقتك لأحد. نعيد قراءته كل { $minutes } دقيقة.
staff-busy-saved = تم الحفظ. قرأنا تقويمك فورًا، وتجد النتيجة أدناه.
staff-busy-from = تُقرأ أوقات الانشغال من
staff-busy-read-at = آخر قراءة:
staff-busy-never = لم تنجح قراءته بعد.
staff-busy-problem-refused = رُفضت القراءة الأخيرة: العنوان يشير إلى شبكة داخلية.
staff-busy-problem-http = تعذّرت القراءة الأخيرة: ردّ خادم التقويم بالخطأ { $status }.
staff-busy-problem-too-large = تعذّرت القراءة الأخيرة: حجم التقويم أكبر من 1 ميغابايت.
staff-busy-problem-not-calendar = تعذّرت القراءة الأخيرة: العنوان لا يعيد تقويمًا بتنسيق iCal.
staff-busy-problem-unreachable = تعذّرت القراءة الأخيرة: لم يردّ خادم التقويم في الوقت المحدد.
staff-busy-failed-keeps = إلى أن تنجح القراءة من جديد، نواصل استخدام أوقات الانشغال من آخر قراءة ناجحة.
staff-busy-failed-none = إلى أن تنجح القراءة، لا تؤخذ أي من أوقات انشغاله في الحسبان.
staff-busy-url = عنوان التقويم (iCal)
staff-busy-url-hint = تقويم Google: الإعدادات ← تقويمك ← «العنوان السري بتنسيق iCal». ‏Outlook: الإعدادات ← التقويم ← التقويمات المشتركة ← نشر تقويم ← رابط ICS.
staff-busy-error-url = أدخل العنوان الكامل لتقويم على خادم عام، يبدأ بـ https://‎.
staff-busy-save = حفظ وقراءة الآن
staff-busy-replace = استبدال العنوان
